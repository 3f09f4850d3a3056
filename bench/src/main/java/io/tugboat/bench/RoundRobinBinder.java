package io.tugboat.bench;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.InformerScope;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A HARNESS CHECK, NOT A SCHEDULER: binds every pending pod of the default scheduler to the next node in turn,
 * ignoring requests, selectors and spreading, from an informer over unbound pods and a few binding threads. It
 * exists to validate the benchmark end to end (pods created, bindings observed, latencies computed) without the
 * real scheduler, and to show the most a trivial binder gets out of this machine. Its figures are not results.
 */
final class RoundRobinBinder implements AutoCloseable {
    private final SharedInformerFactory informers;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();

    RoundRobinBinder(ApiClient client, int port, List<String> nodes, int threadCount) {
        this.informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        SharedInformer<Pod> unbound = informers.informerFor(ResourceKinds.PODS,
                InformerScope.all().withFieldSelector("spec.nodeName="));
        unbound.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                String scheduler = pod.spec().schedulerName();
                if ((scheduler == null || scheduler.equals("default-scheduler")) && queued.add(pod.metadata().name())) {
                    pending.add(pod.metadata().name());
                }
            }
        });
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> bindLoop(port, nodes), "roundrobin-binder-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        informers.start();
        threads.forEach(Thread::start);
    }

    private void bindLoop(int port, List<String> nodes) {
        try (KeepAliveClient http = new KeepAliveClient("127.0.0.1", port)) {
            while (!Thread.currentThread().isInterrupted()) {
                String name = pending.take();
                String node = nodes.get((int) (next.getAndIncrement() % nodes.size()));
                http.post("/api/v1/namespaces/default/pods/" + name + "/binding", BenchPods.binding(name, node));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            System.err.println("round-robin binder: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
        informers.stop();
    }
}
