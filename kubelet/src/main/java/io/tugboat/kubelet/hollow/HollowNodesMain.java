package io.tugboat.kubelet.hollow;

import io.tugboat.api.Quantity;
import io.tugboat.client.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug hollow-nodes}: runs a fleet of simulated kubelets in the foreground until interrupted. See
 * {@code docs/hollow-nodes.md}.
 */
@Command(name = "hollow-nodes", mixinStandardHelpOptions = true,
        description = "Run many simulated kubelets (Node, Lease, pods moved to Running) in one process.")
public final class HollowNodesMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kubeconfig", required = true, description = "Path to the kubeconfig to reach the API server.")
    String kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: the current context).")
    String context;

    @Option(names = "--count", required = true, description = "How many nodes to simulate.")
    int count;

    @Option(names = "--name-prefix", defaultValue = "hollow-", description = "Node names are prefix + number (default: ${DEFAULT-VALUE}).")
    String namePrefix;

    @Option(names = "--cpu", defaultValue = "4", description = "Cpu of every node (default: ${DEFAULT-VALUE}).")
    String cpu;

    @Option(names = "--memory", defaultValue = "16Gi", description = "Memory of every node (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--max-pods", defaultValue = "110", description = "Pods per node, at most 254 (default: ${DEFAULT-VALUE}).")
    int maxPods;

    @Option(names = "--labels", description = "Labels spread over the nodes: key=v1|v2|...,key2=v (node i gets value i mod n).")
    String labels;

    @Option(names = "--taints", description = "Taints spread over the nodes: key=value:Effect|...|, an empty alternative is no taint.")
    String taints;

    @Option(names = "--lease-interval", defaultValue = "10s", description = "Lease renewal interval, e.g. 10s, 500ms (default: ${DEFAULT-VALUE}).")
    String leaseInterval;

    @Option(names = "--workers", defaultValue = "16", description = "Threads writing pod statuses (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--kube-api-qps", defaultValue = "2000", description = "Client-side request rate limit (default: ${DEFAULT-VALUE}).")
    double qps;

    @Option(names = "--kube-api-burst", defaultValue = "4000", description = "Client-side burst (default: ${DEFAULT-VALUE}).")
    int burst;

    @Override
    public Integer call() throws Exception {
        HollowNodesConfig config;
        try {
            config = new HollowNodesConfig(count, namePrefix, Quantity.parse(cpu), Quantity.parse(memory), maxPods,
                    NodeSpread.parse(labels, taints), parseDuration("--lease-interval", leaseInterval), workers);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ApiClient client = ApiClient.fromKubeconfig(kubeconfig, context).rateLimit(qps, burst)
                .userAgent("tugboat-hollow-nodes").build();
        CountDownLatch stopped = new CountDownLatch(1);
        HollowNodes fleet = new HollowNodes(config, client, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "hollow-nodes-shutdown"));
        fleet.start();
        System.err.printf("hollow-nodes: registering %d nodes, %s to %s%n", count, fleet.template().name(0),
                fleet.template().name(count - 1));
        stopped.await();
        return 0;
    }

    /** {@code 10s}, {@code 500ms}, {@code 1m30s}: a Go duration ({@link io.tugboat.api.GoDuration}). */
    static Duration parseDuration(String flag, String text) {
        try {
            return io.tugboat.api.GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage() + " (like 10s, 500ms, 1m)");
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new HollowNodesMain()).execute(args);
        if (code != 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.exit(code);
        }
    }
}
