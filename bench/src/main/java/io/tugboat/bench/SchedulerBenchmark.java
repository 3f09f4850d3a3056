package io.tugboat.bench;

import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.kubelet.hollow.HollowNodes;
import io.tugboat.kubelet.hollow.HollowNodesConfig;
import io.tugboat.kubelet.hollow.NodeSpread;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tug bench scheduler}: scheduling throughput and latency on a cluster of hollow nodes, next to the API
 * server's raw binding-write rate measured in the same run. For each node count it starts:
 *
 * <pre>
 *   etcd (own data dir) ◀── API server (in-process) ◀──┬── hollow nodes (in-process, one pod watch)
 *                                                      ├── tug scheduler (SEPARATE process, --leader-elect=false)
 *                                                      └── this benchmark: creators, binders, one pod watch
 * </pre>
 *
 * then, in order:
 * <ol>
 *   <li><b>Raw binding writes.</b> A batch of pods with a scheduler name nobody serves is created, then bound by
 *       the benchmark itself with concurrent {@code POST pods/{name}/binding} (round-robin over the nodes): the
 *       fastest bindings this API server can persist while the hollow nodes do their work. The batch is deleted
 *       afterwards. (A smaller batch first warms the JIT up.)</li>
 *   <li><b>Scheduling.</b> Once a canary pod shows the scheduler is serving, {@code --pods} pods (see
 *       {@link BenchPods} for the mix) are created by a few concurrent creators. Throughput is pods / (first create
 *       → last binding seen on the watch); latency per pod is its create → its {@code spec.nodeName} on the watch.
 *       When the creators are slower than the scheduler, that throughput is the creators'; {@code --backlog}
 *       creates every pod before the scheduler starts and times the first binding to the last instead.</li>
 * </ol>
 * A scheduler process that exits early is reported with the end of its log, as is a run that stops making
 * progress; either makes the benchmark exit 1. {@code --scheduler=builtin-roundrobin} swaps the scheduler for
 * {@link RoundRobinBinder}, a harness check whose figures are not results.
 */
@Command(name = "bench scheduler", mixinStandardHelpOptions = true,
        description = "Scheduler throughput and latency on hollow nodes, next to the raw binding-write rate.")
public final class SchedulerBenchmark implements Callable<Integer> {
    private static final String SCHEDULED = "sched-";

    @Option(names = "--nodes", split = ",", defaultValue = "1000",
            description = "Node counts to run, comma separated, e.g. 100,1000,5000 (default: ${DEFAULT-VALUE}).")
    List<Integer> nodeCounts;

    @Option(names = "--pods", defaultValue = "10000", description = "Pods to schedule (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--raw-pods", defaultValue = "5000", description = "Pods bound directly for the raw rate (default: ${DEFAULT-VALUE}).")
    int rawPods;

    @Option(names = "--creators", defaultValue = "4", description = "Concurrent pod creators (default: ${DEFAULT-VALUE}).")
    int creators;

    @Option(names = "--raw-binders", defaultValue = "16", description = "Concurrent raw binding writers (default: ${DEFAULT-VALUE}).")
    int rawBinders;

    @Option(names = "--scheduler", defaultValue = "process",
            description = "process: tug scheduler as a child process; builtin-roundrobin: a harness check (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--backlog",
            description = "Create every pod before the scheduler starts, and time first to last binding: the scheduler's "
                    + "own rate, without the creators as a limit (no latency then).")
    boolean backlog;

    @Option(names = "--scheduler-heap", defaultValue = "1g", description = "-Xmx of the scheduler process (default: ${DEFAULT-VALUE}).")
    String schedulerHeap;

    @Option(names = "--lease-interval-seconds", defaultValue = "10", description = "Hollow nodes' Lease renewal interval (default: ${DEFAULT-VALUE}).")
    int leaseIntervalSeconds;

    @Option(names = "--stall-timeout-seconds", defaultValue = "60",
            description = "Give up when no pod is bound for this long (default: ${DEFAULT-VALUE}).")
    int stallTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (!scheduler.equals("process") && !scheduler.equals("builtin-roundrobin")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--scheduler must be process or builtin-roundrobin");
        }
        List<String> summary = new ArrayList<>();
        boolean allComplete = true;
        for (int nodes : nodeCounts) {
            Result result = runOne(nodes);
            summary.add(result.summaryLine());
            allComplete &= result.complete();
        }
        System.out.println();
        System.out.println("== summary (" + (scheduler.equals("process") ? "tug scheduler, separate process"
                : "builtin-roundrobin HARNESS CHECK, not a scheduler result") + ")");
        summary.forEach(System.out::println);
        return allComplete ? 0 : 1;
    }

    /** What one node count produced; {@code failure} is null for a complete run. */
    record Result(int nodes, double rawRate, double rate, Latencies latencies, String failure) {
        boolean complete() {
            return failure == null;
        }

        String summaryLine() {
            if (!complete()) {
                return String.format("%5d nodes: raw binding %6.0f/s   scheduling INCOMPLETE: %s", nodes, rawRate,
                        failure.lines().findFirst().orElse(failure));
            }
            String line = String.format("%5d nodes: raw binding %6.0f/s   scheduled %6.0f pods/s (%3.0f%% of raw)",
                    nodes, rawRate, rate, 100 * rate / rawRate);
            return latencies == null ? line + "   (backlog: no latency)"
                    : line + String.format("   latency p50 %5d ms  p99 %5d ms", latencies.p50Millis(), latencies.p99Millis());
        }
    }

    private Result runOne(int nodes) throws Exception {
        System.out.printf("%n== %d hollow nodes, %d pods%s, scheduler: %s%n", nodes, pods, backlog ? " (backlog)" : "",
                scheduler.equals("process") ? "tug scheduler (separate process)"
                        : "builtin-roundrobin (HARNESS CHECK, not a result)");
        Path work = Files.createTempDirectory("tug-bench-");
        try (EtcdExtension etcd = new EtcdExtension()) {
            etcd.start();
            try (TestCluster cluster = TestCluster.start(etcd, config -> config.withInFlightLimits(2000, 2000)
                    // Room for every change of the run, so a watcher that falls behind resumes instead of relisting.
                    .withWatchCacheCapacity(4 * (pods + rawPods)))) {
                int port = cluster.server().port();
                String url = cluster.url();
                Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
                ApiClient client = ApiClient.builder(url).rateLimit(10_000, 20_000).build();
                // Enough room that the mix fits even at 100 nodes; the scheduler still has to respect it.
                int maxPods = Math.min(HollowNodesConfig.MAX_PODS_PER_NODE, Math.max(110, 2 * pods / nodes));
                HollowNodesConfig fleetConfig = HollowNodesConfig.defaults(nodes)
                        .withResources(Quantity.parse("8"), Quantity.parse("32Gi"), maxPods)
                        .withSpread(NodeSpread.parse(BenchPods.zoneLabels(), null))
                        .withLeaseInterval(Duration.ofSeconds(leaseIntervalSeconds));
                try (HollowNodes fleet = new HollowNodes(fleetConfig, ApiClient.builder(url).rateLimit(10_000, 20_000)
                        .userAgent("tugboat-hollow-nodes").build(), Clock.systemUTC())) {
                    long start = System.nanoTime();
                    fleet.start();
                    if (!fleet.awaitRegistered(Duration.ofMinutes(5))) {
                        throw new IllegalStateException("hollow nodes did not all register within 5 minutes");
                    }
                    System.out.printf("hollow nodes: %d registered in %.1f s (8 cpu, 32Gi, %d pods each; zones a/b/c; Lease every %d s)%n",
                            nodes, seconds(System.nanoTime() - start), maxPods, leaseIntervalSeconds);
                    List<String> nodeNames = new ArrayList<>();
                    for (int i = 0; i < nodes; i++) {
                        nodeNames.add(fleet.template().name(i));
                    }
                    HollowNodes.HeartbeatStats before = fleet.heartbeatStats();
                    long measureStart = System.nanoTime();
                    double rawRate = rawBindings(port, nodeNames);
                    Result result = schedule(nodes, client, port, kubeconfig, work, nodeNames, rawRate);
                    HollowNodes.HeartbeatStats after = fleet.heartbeatStats();
                    System.out.printf("hollow node heartbeats during the measurements: %.0f/s (%d nodes every %d s would be %.0f/s), %d failed%n",
                            (after.done() - before.done()) / seconds(System.nanoTime() - measureStart), nodes,
                            leaseIntervalSeconds, (double) nodes / leaseIntervalSeconds, after.failed() - before.failed());
                    printHeap();
                    return result;
                }
            }
        }
    }

    // ------------------------------------------------------------------ raw bindings

    /** Creates, binds (timed) and deletes the raw batch, after an untimed warm-up batch; returns bindings/s. */
    private double rawBindings(int port, List<String> nodes) throws Exception {
        int warmup = Math.min(1000, rawPods);
        bindBatch(port, "warm-", warmup, nodes);
        double rate = bindBatch(port, "raw-", rawPods, nodes);
        System.out.printf("raw binding writes: %d pods bound by %d concurrent POST pods/{name}/binding in %.2f s: %.0f bindings/s%n",
                rawPods, rawBinders, rawPods / rate, rate);
        return rate;
    }

    private double bindBatch(int port, String prefix, int count, List<String> nodes) throws Exception {
        Parallel.run(creators, count, port, (http, i) -> expect(201, "create " + BenchPods.name(prefix, i),
                http.post("/api/v1/namespaces/default/pods", BenchPods.raw(BenchPods.name(prefix, i)))));
        long start = System.nanoTime();
        Parallel.run(rawBinders, count, port, (http, i) -> {
            String name = BenchPods.name(prefix, i);
            expect(201, "bind " + name, http.post("/api/v1/namespaces/default/pods/" + name + "/binding",
                    BenchPods.binding(name, nodes.get(i % nodes.size()))));
        });
        double rate = count / seconds(System.nanoTime() - start);
        Parallel.run(creators, count, port, (http, i) -> expect(200, "delete " + BenchPods.name(prefix, i),
                http.send("DELETE", "/api/v1/namespaces/default/pods/" + BenchPods.name(prefix, i), new byte[0])));
        return rate;
    }

    // ------------------------------------------------------------------ scheduling

    private Result schedule(int nodes, ApiClient client, int port, Path kubeconfig, Path work, List<String> nodeNames,
                            double rawRate) throws Exception {
        BindingObserver observer = new BindingObserver(SCHEDULED, pods);
        SharedInformerFactory informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        SharedInformer<Pod> watched = informers.informerFor(ResourceKinds.PODS);
        watched.addEventHandler(observer);
        BindingObserver canary = new BindingObserver("canary-", 1);
        watched.addEventHandler(canary);
        informers.start();
        SchedulerProcess process = null;
        RoundRobinBinder builtin = null;
        long[] createdAt = new long[pods];
        long start = 0;
        long created = 0;
        try {
            if (backlog) {
                // Every pod is waiting before the scheduler starts: what follows measures the scheduler alone.
                start = System.nanoTime();
                createAll(port, createdAt);
                created = System.nanoTime();
            }
            if (scheduler.equals("process")) {
                process = SchedulerProcess.start(kubeconfig, work.resolve("scheduler-" + nodes + ".log"), schedulerHeap);
                System.out.println("scheduler process started, log: " + process.log());
            } else {
                builtin = new RoundRobinBinder(client, port, nodeNames, 8);
                builtin.start();
            }
            SchedulerProcess running = process;
            IntFunction<String> failure = bound -> running == null ? null : running.exitSummary();

            if (!backlog) {
                // The canary: the scheduler has synced its caches and serves pods once this one is bound.
                Parallel.run(1, 1, port, (http, i) -> expect(201, "create canary",
                        http.post("/api/v1/namespaces/default/pods", BenchPods.scheduled("canary-", 0))));
                String problem = await(canary, 1, failure, Duration.ofSeconds(120));
                if (problem != null) {
                    System.out.println("FAILED before the measurement: " + problem);
                    return new Result(nodes, rawRate, 0, null, problem);
                }
                start = System.nanoTime();
                createAll(port, createdAt);
                created = System.nanoTime();
            }
            String problem = await(observer, pods, failure, Duration.ofSeconds(backlog ? 120 + stallTimeoutSeconds : stallTimeoutSeconds));
            if (problem != null) {
                System.out.printf("FAILED: %d of %d pods bound; %s%n", observer.bound(), pods, problem);
                return new Result(nodes, rawRate, 0, null, problem);
            }
            long firstBound = Long.MAX_VALUE;
            long lastBound = 0;
            long[] latencies = new long[pods];
            for (int i = 0; i < pods; i++) {
                firstBound = Math.min(firstBound, observer.boundAt(i));
                lastBound = Math.max(lastBound, observer.boundAt(i));
                latencies[i] = observer.boundAt(i) - createdAt[i];
            }
            long from = backlog ? firstBound : start;
            double rate = pods / seconds(lastBound - from);
            Latencies latency = backlog ? null : Latencies.of(latencies);
            if (backlog) {
                System.out.printf("scheduling a backlog: %d pods created first (at %.0f pods/s), then bound in %.2f s "
                        + "from the first binding to the last: %.0f pods/s%n", pods, pods / seconds(created - start),
                        seconds(lastBound - from), rate);
            } else {
                System.out.printf("scheduling: %d pods bound in %.2f s: %.0f pods/s (created at %.0f pods/s by %d creators)%n",
                        pods, seconds(lastBound - from), rate, pods / seconds(created - start), creators);
                System.out.printf("latency create -> nodeName seen on a watch: p50 %d ms, p99 %d ms, max %d ms%n",
                        latency.p50Millis(), latency.p99Millis(), latency.maxMillis());
            }
            System.out.printf("ratio scheduler / raw binding writes: %.0f%%%n", 100 * rate / rawRate);
            if (nodes == 1000) {
                System.out.printf("targets at 1,000 nodes: >= 300 pods/s: %s; >= 50%% of raw binding: %s%n",
                        rate >= 300 ? "met" : "NOT met", rate >= 0.5 * rawRate ? "met" : "NOT met");
            }
            placement(observer, Duration.ofSeconds(60));
            return new Result(nodes, rawRate, rate, latency, null);
        } finally {
            if (builtin != null) {
                builtin.close();
            }
            if (process != null) {
                process.close();
            }
            informers.stop();
        }
    }

    /**
     * Waits until {@code observer} has seen {@code count} pods bound; returns null then, or why it stopped waiting:
     * the scheduler died, or nothing was bound for {@code stall}.
     */
    private void createAll(int port, long[] createdAt) throws InterruptedException {
        Parallel.run(creators, pods, port, (http, i) -> {
            createdAt[i] = System.nanoTime();
            expect(201, "create pod " + i, http.post("/api/v1/namespaces/default/pods", BenchPods.scheduled(SCHEDULED, i)));
        });
    }

    private static String await(BindingObserver observer, int count, IntFunction<String> failure, Duration stall)
            throws InterruptedException {
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (observer.bound() < count) {
            String died = failure.apply(observer.bound());
            if (died != null) {
                return died;
            }
            if (observer.bound() != seen) {
                seen = observer.bound();
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                return "no pod was bound for " + stall.toSeconds() + " s (" + seen + " of " + count + " bound)";
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** What the hollow kubelets made of the placements: Running, or rejected at admission; and nodeSelectors kept. */
    private void placement(BindingObserver observer, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (observer.settled() < pods && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int running = 0;
        int failed = 0;
        int selectorPods = 0;
        int selectorKept = 0;
        for (int i = 0; i < pods; i++) {
            if ("Running".equals(observer.phaseOf(i))) {
                running++;
            } else if ("Failed".equals(observer.phaseOf(i))) {
                failed++;
            }
            if (i % 10 == 6 || i % 10 == 7) {
                selectorPods++;
                String node = observer.nodeOf(i);
                int index = Integer.parseInt(node.substring(node.lastIndexOf('-') + 1));
                selectorKept += index % BenchPods.ZONES.length == i % BenchPods.ZONES.length ? 1 : 0;
            }
        }
        System.out.printf("hollow kubelets: %d Running, %d rejected at admission (over-committed), %d not reported yet; "
                + "nodeSelector kept by %d of %d pods%n", running, failed, pods - running - failed, selectorKept, selectorPods);
    }

    // ------------------------------------------------------------------ helpers

    private static void expect(int expected, String what, int status) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void printHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("bench JVM heap: %d MiB used of %d MiB max%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SchedulerBenchmark()).execute(args));
    }

    /** Per-pod latencies, sorted. */
    record Latencies(long[] sortedNanos) {
        static Latencies of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted);
        }

        /** The nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
        long percentileMillis(double p) {
            int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
            return sortedNanos[Math.max(0, rank - 1)] / 1_000_000;
        }

        long p50Millis() {
            return percentileMillis(50);
        }

        long p99Millis() {
            return percentileMillis(99);
        }

        long maxMillis() {
            return sortedNanos[sortedNanos.length - 1] / 1_000_000;
        }
    }
}
