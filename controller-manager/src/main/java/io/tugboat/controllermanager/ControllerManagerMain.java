package io.tugboat.controllermanager;

import io.tugboat.client.ApiClient;
import io.tugboat.client.controller.LeaderElectionConfig;
import io.tugboat.client.controller.LeaderElector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug controller-manager}: every selected controller in one process, behind one leader election.
 *
 * <pre>
 *   parse flags ──▶ ApiClient from --kubeconfig
 *     --leader-elect=true:  LeaderElector on Lease kube-system/kube-controller-manager
 *                             leading ──▶ ControllerManager.start()  (on a thread of its own: the elector
 *                                                                     must keep renewing meanwhile)
 *                             lost    ──▶ controllers stop, exit 1   (a restart competes afresh)
 *     --leader-elect=false: ControllerManager.start() at once
 *   SIGTERM ──▶ controllers stop, the Lease is released, exit 0
 * </pre>
 * Flags are named and defaulted as kube-controller-manager's. Logs go to stderr.
 */
@Command(name = "controller-manager", mixinStandardHelpOptions = true,
        description = "Run the control loops (garbage collection, node lifecycle, namespaces...) against an API server.")
public final class ControllerManagerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ControllerManagerMain.class);

    @Option(names = "--kubeconfig", description = "Path to a kubeconfig (default: $KUBECONFIG, then ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--master", description = "The API server's address; overrides the kubeconfig's.")
    String master;

    @Option(names = "--controllers", split = ",", defaultValue = "*",
            description = "Controllers to run: '*' for all, 'foo' to enable, '-foo' to disable (default: ${DEFAULT-VALUE}). "
                    + "Known: ${sys:tug.controllers}.")
    List<String> controllers;

    @Option(names = "--leader-elect", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Run only while holding the leader Lease (default: ${DEFAULT-VALUE}).")
    boolean leaderElect;

    @Option(names = "--leader-elect-lease-duration", defaultValue = "15s", converter = Durations.class,
            description = "How long candidates wait for a silent leader (default: ${DEFAULT-VALUE}).")
    Duration leaseDuration;

    @Option(names = "--leader-elect-renew-deadline", defaultValue = "10s", converter = Durations.class,
            description = "How long the leader keeps trying to renew before it stops (default: ${DEFAULT-VALUE}).")
    Duration renewDeadline;

    @Option(names = "--leader-elect-retry-period", defaultValue = "2s", converter = Durations.class,
            description = "Time between attempts to acquire or renew (default: ${DEFAULT-VALUE}).")
    Duration retryPeriod;

    @Option(names = "--leader-elect-resource-namespace", defaultValue = "kube-system",
            description = "Namespace of the leader Lease (default: ${DEFAULT-VALUE}).")
    String leaseNamespace;

    @Option(names = "--leader-elect-resource-name", defaultValue = "kube-controller-manager",
            description = "Name of the leader Lease (default: ${DEFAULT-VALUE}).")
    String leaseName;

    @Option(names = "--node-monitor-period", defaultValue = "5s", converter = Durations.class,
            description = "How often each node's health is checked at the latest (default: ${DEFAULT-VALUE}).")
    Duration nodeMonitorPeriod;

    @Option(names = "--node-monitor-grace-period", defaultValue = "40s", converter = Durations.class,
            description = "How long a node may go without renewing its Lease before it is marked Unknown (default: ${DEFAULT-VALUE}).")
    Duration nodeMonitorGracePeriod;

    @Option(names = "--node-startup-grace-period", defaultValue = "60s", converter = Durations.class,
            description = "The same for a node that has never been Ready (default: ${DEFAULT-VALUE}).")
    Duration nodeStartupGracePeriod;

    @Option(names = "--node-eviction-rate", defaultValue = "0.1",
            description = "Nodes per second whose pods may be evicted in a healthy zone (default: ${DEFAULT-VALUE}).")
    double nodeEvictionRate;

    @Option(names = "--secondary-node-eviction-rate", defaultValue = "0.01",
            description = "Nodes per second whose pods may be evicted in an unhealthy zone of a large cluster (default: ${DEFAULT-VALUE}).")
    double secondaryNodeEvictionRate;

    @Option(names = "--unhealthy-zone-threshold", defaultValue = "0.55",
            description = "Fraction of not-Ready nodes (at least 3) that makes a zone unhealthy (default: ${DEFAULT-VALUE}).")
    double unhealthyZoneThreshold;

    @Option(names = "--large-cluster-size-threshold", defaultValue = "50",
            description = "Zones larger than this evict at the secondary rate when unhealthy, smaller ones not at all (default: ${DEFAULT-VALUE}).")
    int largeClusterSizeThreshold;

    @Option(names = "--pod-eviction-timeout", converter = Durations.class, hidden = true,
            description = "Ignored, as in Kubernetes since taint-based eviction: set tolerationSeconds instead.")
    Duration podEvictionTimeout;

    @Option(names = "--concurrent-gc-syncs", defaultValue = "20", description = "Garbage collector workers (default: ${DEFAULT-VALUE}).")
    int concurrentGcSyncs;

    @Option(names = "--concurrent-namespace-syncs", defaultValue = "10", description = "Namespace controller workers (default: ${DEFAULT-VALUE}).")
    int concurrentNamespaceSyncs;

    @Option(names = {"--concurrent-replicaset-syncs", "--concurrent-rs-syncs"}, defaultValue = "5",
            description = "ReplicaSet controller workers (default: ${DEFAULT-VALUE}).")
    int concurrentReplicaSetSyncs;

    @Option(names = "--concurrent-deployment-syncs", defaultValue = "5", description = "Deployment controller workers (default: ${DEFAULT-VALUE}).")
    int concurrentDeploymentSyncs;

    @Option(names = "--concurrent-node-syncs", defaultValue = "5",
            description = "Node lifecycle and taint eviction workers (default: ${DEFAULT-VALUE}).")
    int concurrentNodeSyncs;

    @Option(names = "--allocate-node-cidrs", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Give each Node a spec.podCIDR from --cluster-cidr (default: ${DEFAULT-VALUE}; Kubernetes: false).")
    boolean allocateNodeCidrs;

    @Option(names = "--cluster-cidr", defaultValue = "10.244.0.0/16",
            description = "The pods' address range, cut into node ranges (default: ${DEFAULT-VALUE}).")
    String clusterCidr;

    @Option(names = "--node-cidr-mask-size", defaultValue = "24",
            description = "Prefix length of each node's range (default: ${DEFAULT-VALUE}).")
    int nodeCidrMaskSize;

    @Option(names = "--kube-api-qps", defaultValue = "20", description = "Requests per second to the API server (default: ${DEFAULT-VALUE}).")
    double kubeApiQps;

    @Option(names = "--kube-api-burst", defaultValue = "30", description = "Burst of requests to the API server (default: ${DEFAULT-VALUE}).")
    int kubeApiBurst;

    /** The options these flags give. */
    ControllerManagerOptions options() {
        return ControllerManagerOptions.defaults()
                .withNodeMonitor(nodeMonitorPeriod, nodeMonitorGracePeriod, nodeStartupGracePeriod)
                .withEviction(nodeEvictionRate, secondaryNodeEvictionRate, unhealthyZoneThreshold, largeClusterSizeThreshold)
                .withConcurrency(concurrentGcSyncs, concurrentNamespaceSyncs, concurrentReplicaSetSyncs,
                        concurrentDeploymentSyncs, concurrentNodeSyncs)
                .withNodeIpam(new io.tugboat.controllermanager.nodeipam.NodeIpamOptions(allocateNodeCidrs, clusterCidr,
                        nodeCidrMaskSize));
    }

    private ApiClient.Builder clientBuilder() {
        ApiClient.Builder builder = master != null && kubeconfig == null
                ? ApiClient.builder(master) : ApiClient.fromKubeconfig(kubeconfig, null);
        return builder.userAgent("tug-controller-manager");
    }

    @Override
    public Integer call() throws Exception {
        Map<String, ControllerFactory> selected;
        try {
            selected = Controllers.builtIn().select(controllers);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--controllers: " + e.getMessage());
        }
        if (podEvictionTimeout != null) {
            log.warn("--pod-eviction-timeout has no effect (as in Kubernetes): pods leave failed nodes after their "
                    + "tolerationSeconds for node.kubernetes.io/unreachable and not-ready");
        }
        ApiClient client = clientBuilder().rateLimit(kubeApiQps, kubeApiBurst).build();
        ControllerManager manager = new ControllerManager(client, selected, options(), Clock.systemUTC());
        return leaderElect ? runAsLeader(manager) : runAlone(manager);
    }

    private int runAlone(ControllerManager manager) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.stop();
            stopped.countDown();
        }, "controller-manager-shutdown"));
        manager.start();
        stopped.await();
        return 0;
    }

    private int runAsLeader(ControllerManager manager) throws InterruptedException {
        Thread starter = new Thread(() -> {
            try {
                manager.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.error("Controllers failed to start; stepping down", e);
                System.exit(1);
            }
        }, "controller-manager-start");
        starter.setDaemon(true);
        String identity = LeaderElectionConfig.uniqueIdentity(hostName());
        LeaderElectionConfig config = LeaderElectionConfig.builder(leaseNamespace, leaseName, identity)
                .leaseDuration(leaseDuration)
                .renewDeadline(renewDeadline)
                .retryPeriod(retryPeriod)
                .onStartedLeading(() -> {
                    log.info("{} became leader; starting controllers", identity);
                    starter.start();
                })
                .onStoppedLeading(manager::stop)
                .onNewLeader(leader -> log.info("New leader elected: {}", leader))
                .build();
        // Its own client: renewals must never wait behind the controllers' requests for a rate-limiter token.
        LeaderElector elector = LeaderElector.forLease(clientBuilder().rateLimit(5, 10).build(), config);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            elector.stop();
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "controller-manager-shutdown"));
        log.info("Attempting to acquire leader lease {}/{} as {}", leaseNamespace, leaseName, identity);
        LeaderElector.Result result = elector.run();
        finished.countDown();
        if (result == LeaderElector.Result.LOST) {
            log.error("Leader election lost; exiting");
            return 1;
        }
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Go-style durations as Kubernetes flags take them: {@code 40s}, {@code 500ms}, {@code 1m30s}, {@code 2h}. */
    static final class Durations implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }

        static Duration parse(String value) {
            try {
                return io.tugboat.api.GoDuration.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage() + " (like 40s, 500ms, 1m30s)");
            }
        }
    }

    public static void main(String[] args) {
        // The help lists the registered controllers, whatever they are.
        System.setProperty("tug.controllers", String.join(", ", Controllers.builtIn().names()));
        int code = new CommandLine(new ControllerManagerMain()).execute(args);
        if (code != 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.exit(code);
        }
    }
}
