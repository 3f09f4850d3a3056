package io.tugboat.scheduler;

import io.tugboat.client.ApiClient;
import io.tugboat.client.controller.LeaderElectionConfig;
import io.tugboat.client.controller.LeaderElector;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug scheduler}: assigns pending pods to nodes until SIGTERM. Flags are named as kube-scheduler's.
 * With leader election (the default) only the replica holding the Lease {@code kube-system/kube-scheduler}
 * schedules; the others keep warm caches and take over within the lease duration when it dies. A replica that
 * loses the Lease exits (status 1), as kube-scheduler does, so that its restart competes afresh.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Assign pods without a node to nodes, through filter and score plugins.")
public final class SchedulerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SchedulerMain.class);

    @Option(names = "--kubeconfig", required = true, description = "Path to the kubeconfig of the API server.")
    String kubeconfig;

    @Option(names = "--leader-elect", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Take the Lease before scheduling, so that only one replica schedules (default: ${DEFAULT-VALUE}).")
    boolean leaderElect;

    @Option(names = "--leader-elect-lease-duration", defaultValue = "15", description = "Lease duration in seconds (default: ${DEFAULT-VALUE}).")
    int leaseDurationSeconds;

    @Option(names = "--leader-elect-renew-deadline", defaultValue = "10", description = "Renew deadline in seconds (default: ${DEFAULT-VALUE}).")
    int renewDeadlineSeconds;

    @Option(names = "--leader-elect-retry-period", defaultValue = "2", description = "Retry period in seconds (default: ${DEFAULT-VALUE}).")
    int retryPeriodSeconds;

    @Option(names = "--leader-elect-resource-namespace", defaultValue = "kube-system", description = "Namespace of the Lease (default: ${DEFAULT-VALUE}).")
    String leaseNamespace;

    @Option(names = "--leader-elect-resource-name", defaultValue = "kube-scheduler", description = "Name of the Lease (default: ${DEFAULT-VALUE}).")
    String leaseName;

    @Option(names = "--profile", defaultValue = "",
            description = "Edits of the default profile, comma separated: -Plugin (disable), +Plugin (enable filter), "
                    + "Plugin=weight (score weight), percentageOfNodesToScore=P.")
    String profile;

    @Option(names = "--kube-api-qps", defaultValue = "5000", description = "Requests per second to the API server (default: ${DEFAULT-VALUE}).")
    double qps;

    @Option(names = "--kube-api-burst", defaultValue = "10000", description = "Burst of requests to the API server (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--bind-threads", defaultValue = "16", description = "Bindings sent at once (default: ${DEFAULT-VALUE}).")
    int bindThreads;

    @Override
    public Integer call() throws Exception {
        Profile chosen = Profile.defaults().withOverrides(profile);
        ApiClient client = ApiClient.fromKubeconfig(kubeconfig, null).rateLimit(qps, burst).userAgent("tug-scheduler").build();
        SchedulerServer.Options options = SchedulerServer.Options.defaults().withProfile(chosen);
        options = new SchedulerServer.Options(chosen, bindThreads, options.assumedPodTtl(), options.clock());
        SchedulerServer server = new SchedulerServer(client, options);
        CountDownLatch finished = new CountDownLatch(1);
        CountDownLatch terminate = new CountDownLatch(1);
        LeaderElector elector = leaderElect ? elector(server) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminate.countDown();
            if (elector != null) {
                elector.stop(); // steps down and releases the Lease, so a standby takes over at once
            }
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scheduler-shutdown"));
        try {
            if (!server.startInformers(Duration.ofMinutes(2))) {
                log.error("informers did not sync within 2 minutes");
                return 1;
            }
            if (elector == null) {
                server.startScheduling();
                terminate.await();
                return 0;
            }
            LeaderElector.Result result = elector.run();
            if (result == LeaderElector.Result.LOST) {
                log.error("lost the lease {}/{}; exiting", leaseNamespace, leaseName);
                return 1;
            }
            return 0;
        } finally {
            server.close();
            finished.countDown();
        }
    }

    private LeaderElector elector(SchedulerServer server) throws Exception {
        String identity = LeaderElectionConfig.uniqueIdentity(InetAddress.getLocalHost().getHostName());
        log.info("competing for the lease {}/{} as {}", leaseNamespace, leaseName, identity);
        LeaderElectionConfig config = LeaderElectionConfig.builder(leaseNamespace, leaseName, identity)
                .leaseDuration(Duration.ofSeconds(leaseDurationSeconds))
                .renewDeadline(Duration.ofSeconds(renewDeadlineSeconds))
                .retryPeriod(Duration.ofSeconds(retryPeriodSeconds))
                .onStartedLeading(server::startScheduling)
                .onStoppedLeading(server::stopScheduling)
                .onNewLeader(id -> log.info("leader is now {}", id))
                .build();
        // Its own client: renewals must not wait behind the scheduler's requests.
        ApiClient electionClient = ApiClient.fromKubeconfig(kubeconfig, null).userAgent("tug-scheduler-election").build();
        return LeaderElector.forLease(electionClient, config);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new SchedulerMain()).execute(args);
        if (code != 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.exit(code);
        }
        // Daemon threads only remain: the JVM ends by itself (unless the shutdown hook is waiting).
    }
}
