package io.tugboat.bench;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.kubelet.Kubelet;
import io.tugboat.kubelet.KubeletConfig;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Pod start latency: the time from a pod's create request (already bound to the node) until the API server shows it
 * {@code Running}, for 20 pods one after another and 20 at once, next to {@code docker run -d} of the same image
 * in the same run. It starts its own etcd, an in-process API server and an in-process kubelet on the real Docker
 * engine. Target: pod p50 ≤ docker run p50 + 300 ms.
 *
 * <p>The machine may be shared and its load may change during a run, so the sequential phase alternates: pod 1,
 * {@code docker run} 1, pod 2, {@code docker run} 2... and the parallel phase runs 20 pods, then 20 {@code docker run}s
 * right after. Compare the two columns of one run, not figures of different runs.
 *
 * <p>A pod start is two containers (the sandbox, then the app container joined to it) plus the API round trips
 * (watch delivery to the kubelet, the status write, the watch delivery back), so it cannot beat one
 * {@code docker run}; the question is how much it adds.
 */
public final class PodStartBenchmark {
    static final String IMAGE = "tugboat/busybox:1";
    static final int PODS = 20;
    /** {@code --verbose}: print each pod's create time and latency, to line up with the kubelet's DEBUG sync timings. */
    static boolean verbose;
    /** {@code --workers=N}: pods the kubelet syncs at once (default 8). */
    static int workers = 8;

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.startsWith("--workers=")) {
                workers = Integer.parseInt(arg.substring("--workers=".length()));
            } else {
                System.err.println("tug bench pod-start: unknown flag " + arg + " (--verbose, --workers=N)");
                System.exit(1);
            }
        }
        String node = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (EtcdExtension etcd = new EtcdExtension()) {
            etcd.start();
            try (ApiServer server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)).withPlainHttpOnly().start();
                 DockerRuntime docker = new DockerRuntime("unix:///var/run/docker.sock")) {
                ApiClient client = ApiClient.builder("http://127.0.0.1:" + server.port()).rateLimit(1000, 1000).build();
                KubeletConfig config = KubeletConfig.defaults(node).withNetwork("127.0.0.1", 0)
                        .withRootDir(Files.createTempDirectory("pod-start-bench")).withWorkers(workers);
                Map<String, Long> running = new ConcurrentHashMap<>();
                SharedInformerFactory informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
                SharedInformer<Pod> pods = informers.informerFor(ResourceKinds.PODS);
                pods.addEventHandler(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        seen(pod);
                    }

                    @Override
                    public void onUpdate(Pod old, Pod pod) {
                        seen(pod);
                    }

                    private void seen(Pod pod) {
                        if (pod.status() != null && "Running".equals(pod.status().phase())) {
                            running.putIfAbsent(pod.metadata().name(), System.nanoTime());
                        }
                    }
                });
                informers.start();
                informers.waitForCacheSync(Duration.ofMinutes(1));
                try (Kubelet kubelet = new Kubelet(config, client, docker).start()) {
                    ResourceClient<Pod> podClient = client.resources(ResourceKinds.PODS).inNamespace("default");
                    System.out.println("warming up...");
                    List<Double> dockerSeq = new ArrayList<>();
                    sequential(podClient, node, "warm", 5, running, new ArrayList<>());
                    cleanUp(podClient, docker, node, "warm", 5);

                    List<Double> seq = sequential(podClient, node, "seq", PODS, running, dockerSeq);
                    cleanUp(podClient, docker, node, "seq", PODS);
                    List<Double> par = parallel(podClient, node, "par", PODS, running);
                    cleanUp(podClient, docker, node, "par", PODS);
                    List<Double> dockerPar = dockerRuns(PODS, true);

                    report("sequential", seq, dockerSeq);
                    report("parallel  ", par, dockerPar);
                    double target = p(dockerSeq, 50) + 300;
                    System.out.printf("target: sequential pod p50 <= docker run p50 + 300 ms (%.0f ms): %s%n", target,
                            p(seq, 50) <= target ? "met" : "NOT met");
                } finally {
                    informers.stop();
                    docker.list(ContainerLabels.ofNode(node)).forEach(c -> docker.remove(c.id()));
                }
            }
        }
        System.exit(0);
    }

    static Pod pod(String name, String node) {
        Container c = new Container("main", IMAGE, List.of("sleep", "3600"), null, null, null, null, null, null, null, null, null,
                null, null, null, null, "IfNotPresent", null, null, null);
        return Pod.of(new ObjectMeta(name, null, "default", null, null, null, null, null, null, null, null, null, null, null),
                new PodSpec(null, null, List.of(c), "Always", 0L, null, null, null, null, null, null, node, null, null, null,
                        null, null, null, null, null, null, null, null, null), null);
    }

    /** {@code n} pods one after another, each followed by one {@code docker run -d} whose latency goes to {@code dockerRuns}. */
    static List<Double> sequential(ResourceClient<Pod> pods, String node, String prefix, int n, Map<String, Long> running,
                                   List<Double> dockerRuns) throws Exception {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = prefix + "-" + i;
            long start = System.nanoTime();
            pods.create(pod(name, node));
            latencies.add(awaitRunning(name, start, running));
            dockerRuns.addAll(dockerRuns(1, false));
        }
        return latencies;
    }

    static List<Double> parallel(ResourceClient<Pod> pods, String node, String prefix, int n, Map<String, Long> running) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Double>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = prefix + "-" + i;
            results.add(pool.submit(() -> {
                go.await();
                long start = System.nanoTime();
                pods.create(pod(name, node));
                return awaitRunning(name, start, running);
            }));
        }
        go.countDown();
        List<Double> latencies = new ArrayList<>();
        for (Future<Double> f : results) {
            latencies.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return latencies;
    }

    static double awaitRunning(String name, long start, Map<String, Long> running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!running.containsKey(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become Running");
            }
            Thread.sleep(2);
        }
        double millis = (running.get(name) - start) / 1e6;
        if (verbose) {
            System.out.printf("  %s created at %s, Running after %.0f ms%n", name,
                    java.time.LocalTime.now().minusNanos(System.nanoTime() - start), millis);
        }
        return millis;
    }

    static void cleanUp(ResourceClient<Pod> pods, DockerRuntime docker, String node, String prefix, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            pods.delete(prefix + "-" + i, new DeleteOptions(null, null, 0L, null, null, null, null));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!docker.list(ContainerLabels.ofNode(node)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** {@code docker run -d} of the same image through the CLI, as a user would; the containers are removed after. */
    static List<Double> dockerRuns(int n, boolean parallel) throws Exception {
        String label = "tugboat.bench=" + UUID.randomUUID();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(parallel ? n : 1);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(pool.submit(() -> {
                long start = System.nanoTime();
                Process p = new ProcessBuilder("docker", "run", "-d", "--label", label, IMAGE, "sleep", "3600")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("docker run failed");
                }
                latencies.add((System.nanoTime() - start) / 1e6);
                return null;
            }));
        }
        for (Future<?> f : runs) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        Process ids = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + label).start();
        List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
        rm.addAll(List.of(new String(ids.getInputStream().readAllBytes()).split("\\s+")));
        rm.removeIf(String::isBlank);
        if (rm.size() > 3) {
            new ProcessBuilder(rm).redirectErrorStream(true).start().waitFor();
        }
        return latencies;
    }

    static void report(String what, List<Double> pods, List<Double> docker) {
        System.out.printf("%s: pod create->Running p50 %6.0f ms p99 %6.0f ms | docker run -d p50 %6.0f ms p99 %6.0f ms | ratio p50 %.2f p99 %.2f%n",
                what, p(pods, 50), p(pods, 99), p(docker, 50), p(docker, 99), p(pods, 50) / p(docker, 50), p(pods, 99) / p(docker, 99));
    }

    static double p(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
