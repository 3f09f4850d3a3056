package io.tugboat.apiserver;

import io.tugboat.apiserver.server.ApiServer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug apiserver}: runs the API server in the foreground until it is interrupted (SIGINT/SIGTERM).
 * Flags are named as kube-apiserver's.
 */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
        description = "Serve the Kubernetes REST API, storing objects in etcd.")
public final class ApiServerMain implements Callable<Integer> {

    @Option(names = "--etcd-servers", split = ",", defaultValue = "http://127.0.0.1:2379",
            description = "etcd endpoints, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> etcdServers;

    @Option(names = "--etcd-prefix", defaultValue = "/registry", description = "Key prefix in etcd (default: ${DEFAULT-VALUE}).")
    String etcdPrefix;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = {"--port", "--secure-port"}, defaultValue = "6443", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-requests-inflight", defaultValue = "400",
            description = "Read-only requests served at once before answering 429 (default: ${DEFAULT-VALUE}).")
    int maxReadOnly;

    @Option(names = "--max-mutating-requests-inflight", defaultValue = "200",
            description = "Mutating requests served at once before answering 429 (default: ${DEFAULT-VALUE}).")
    int maxMutating;

    @Option(names = "--watch-cache-size", defaultValue = "1024",
            description = "Recent changes kept per resource for resuming watches (default: ${DEFAULT-VALUE}).")
    int watchCacheSize;

    @Option(names = "--service-cluster-ip-range", defaultValue = "10.96.0.0/12",
            description = "IPv4 range Service ClusterIPs are allocated from (default: ${DEFAULT-VALUE}).")
    String serviceClusterIpRange;

    @Option(names = "--service-node-port-range", defaultValue = "30000-32767",
            description = "Port range NodePorts are allocated from (default: ${DEFAULT-VALUE}).")
    String nodePortRange;

    @Option(names = "--default-not-ready-toleration-seconds", defaultValue = "300",
            description = "tolerationSeconds of the not-ready:NoExecute toleration every new pod gets (default: ${DEFAULT-VALUE}).")
    long defaultNotReadyTolerationSeconds;

    @Option(names = "--default-unreachable-toleration-seconds", defaultValue = "300",
            description = "tolerationSeconds of the unreachable:NoExecute toleration every new pod gets (default: ${DEFAULT-VALUE}).")
    long defaultUnreachableTolerationSeconds;

    @Override
    public Integer call() throws Exception {
        String[] range = nodePortRange.split("-");
        if (range.length != 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--service-node-port-range must look like 30000-32767");
        }
        ApiServer.Config config = ApiServer.Config.defaults(etcdServers)
                .withEtcdPrefix(etcdPrefix)
                .withBindAddress(bindAddress)
                .withPort(port)
                .withInFlightLimits(maxMutating, maxReadOnly)
                .withWatchCacheCapacity(watchCacheSize)
                .withServiceRanges(serviceClusterIpRange, Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()));
        CountDownLatch stopped = new CountDownLatch(1);
        try (ApiServer server = new ApiServer(config)
                .withDefaultTolerationSeconds(defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds)
                .start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "apiserver-shutdown"));
            stopped.await();
        }
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ApiServerMain()).execute(args);
        if (code != 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.exit(code);
        }
    }

}
