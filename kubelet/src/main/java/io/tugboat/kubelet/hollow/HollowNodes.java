package io.tugboat.kubelet.hollow;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.InformerScope;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of hollow kubelets in one process: N {@link NodeAgent}s that register and heartbeat, one pod informer
 * and one {@link HollowPodController} that run the pods of all of them on one {@link HollowRuntime}.
 *
 * <pre>
 *                       ┌──────────── registration pool (workers threads, retries with backoff) ──┐
 *   start() ──▶ agents ─┤                                                                         ├─▶ API server
 *                       └──────────── heartbeat timer (node i first beats at i/N of the interval) ┘
 *
 *   API server ──▶ one pod informer (spec.nodeName!=) ──▶ handler: ours? ──▶ queue ──▶ workers ──▶ status writes
 * </pre>
 *
 * <p>The costs are what a thousand kubelets would put on the API server — a Node each, a Lease renewal per node
 * per interval, a status write per pod — without a thousand watches: the shared informer holds one. Heartbeats
 * are spread evenly over the interval, so 1,000 nodes renewing every 10 s are a steady 100 writes a second, not a
 * burst of 1,000.
 */
public final class HollowNodes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HollowNodes.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(7);

    private final HollowNodesConfig config;
    private final ApiClient client;
    private final Clock clock;
    private final NodeTemplate template;
    private final List<NodeAgent> agents = new ArrayList<>();
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final HollowRuntime runtime;
    private final SharedInformerFactory informers;
    private final SharedInformer<Pod> pods;
    private final ControllerRunner podRunner;
    private final ExecutorService registration;
    private final ScheduledExecutorService heartbeats;
    private final CountDownLatch allRegistered;
    private final AtomicInteger registrationFailures = new AtomicInteger();
    private final AtomicLong heartbeatsDone = new AtomicLong();
    private final AtomicLong heartbeatsFailed = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param client a client with a rate limit fit for a fleet (thousands of requests a second)
     */
    public HollowNodes(HollowNodesConfig config, ApiClient client, Clock clock) {
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.template = new NodeTemplate(config);
        for (int i = 0; i < config.count(); i++) {
            NodeAgent agent = new NodeAgent(i, template, client, clock);
            agents.add(agent);
            indexByName.put(agent.name(), i);
        }
        this.allRegistered = new CountDownLatch(config.count());
        this.runtime = new HollowRuntime(config, clock);
        this.informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        // Every bound pod, in one watch; the handler keeps those of our nodes.
        this.pods = informers.informerFor(ResourceKinds.PODS, InformerScope.all().withFieldSelector("spec.nodeName!="));
        HollowPodController controller = new HollowPodController(pods.lister(), client.resources(ResourceKinds.PODS),
                runtime, this::indexOf);
        this.podRunner = ControllerRunner.builder("hollow-pods", controller)
                .watches(ControllerRunner.Source.of(pods::hasSynced,
                        enqueue -> pods.addEventHandler(HollowPodController.handler(this::indexOf, enqueue))))
                .workers(config.workers())
                .build();
        this.registration = Executors.newFixedThreadPool(config.workers(), daemon("hollow-register"));
        // Heartbeats block on the API server; as many threads as workers keep 500 renewals a second (5,000 nodes
        // every 10 s) flowing at 30 ms a request.
        this.heartbeats = Executors.newScheduledThreadPool(config.workers(), daemon("hollow-heartbeat"));
    }

    /** Node number of {@code nodeName}, or -1 when it is not one of this fleet's. */
    public int indexOf(String nodeName) {
        Integer index = indexByName.get(nodeName);
        return index == null ? -1 : index;
    }

    public NodeTemplate template() {
        return template;
    }

    public HollowRuntime runtime() {
        return runtime;
    }

    /**
     * Starts registering every node (in the background; see {@link #awaitRegistered}), then the pod informer and
     * its workers; returns once the pod cache has synced.
     *
     * @throws TimeoutException if the pod informer does not sync within a minute
     */
    public void start() throws InterruptedException, TimeoutException {
        long started = System.nanoTime();
        for (NodeAgent agent : agents) {
            registration.submit(() -> registerThenBeat(agent, started));
        }
        informers.start();
        podRunner.start();
    }

    /** Waits until every node is registered; false if {@code timeout} passes first. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        return allRegistered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Nodes the API server refused for good (an invalid label or taint); they are not retried. */
    public int registrationFailures() {
        return registrationFailures.get();
    }

    private void registerThenBeat(NodeAgent agent, long started) {
        Duration wait = FIRST_RETRY;
        while (!closed) {
            try {
                agent.register();
                break;
            } catch (ApiException.InvalidException invalid) {
                log.error("node {} cannot be registered: {}", agent.name(), invalid.getMessage());
                registrationFailures.incrementAndGet();
                return;
            } catch (ApiException e) {
                log.warn("registering node {} failed, retrying in {}: {}", agent.name(), wait, e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
        if (closed) {
            return;
        }
        allRegistered.countDown();
        if (allRegistered.getCount() == 0) {
            log.info("registered {} hollow nodes in {} ms", config.count(), (System.nanoTime() - started) / 1_000_000);
        }
        long interval = config.leaseInterval().toMillis();
        long offset = heartbeatOffsetMillis(indexOf(agent.name()), config.count(), config.leaseInterval());
        // A fixed delay after each renewal, as the kubelet's lease controller (wait.JitterUntil, sliding): an
        // overloaded API server gets fewer renewals, not a catch-up burst of the ones that were late.
        heartbeats.scheduleWithFixedDelay(() -> beat(agent), offset, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * When node {@code index} of {@code count} first renews its Lease: spread evenly over one interval, so
     * that the fleet's renewals form a steady stream.
     */
    static long heartbeatOffsetMillis(int index, int count, Duration interval) {
        return interval.toMillis() * index / count;
    }

    /**
     * What the heartbeats have done so far: a fleet that keeps up renews count / interval Leases a second; fewer
     * means the API server (or this process) is the bottleneck and Leases age.
     *
     * @param done   heartbeats that renewed the Lease
     * @param failed heartbeats that did not (retried one interval later)
     */
    public record HeartbeatStats(long done, long failed) {
    }

    public HeartbeatStats heartbeatStats() {
        return new HeartbeatStats(heartbeatsDone.get(), heartbeatsFailed.get());
    }

    private void beat(NodeAgent agent) {
        try {
            agent.heartbeat();
            heartbeatsDone.incrementAndGet();
        } catch (ApiException e) {
            if (closed) {
                return; // interrupted by close()
            }
            heartbeatsFailed.incrementAndGet();
            // The next beat comes within one interval; the Lease lasts four.
            log.warn("heartbeat of node {} failed: {}", agent.name(), e.getMessage());
        } catch (RuntimeException e) {
            heartbeatsFailed.incrementAndGet();
            log.error("heartbeat of node {} failed", agent.name(), e);
        }
    }

    /**
     * Stops heartbeats, registration and the pod loop. The Nodes stay: their Leases expire and the node
     * lifecycle controller marks them NotReady, as it would for a thousand kubelets that died.
     */
    @Override
    public void close() {
        closed = true;
        heartbeats.shutdownNow();
        registration.shutdownNow();
        podRunner.stop();
        informers.stop();
        try {
            heartbeats.awaitTermination(10, TimeUnit.SECONDS);
            registration.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
