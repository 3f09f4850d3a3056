package io.tugboat.kubelet;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.InformerScope;
import io.tugboat.client.informer.Keys;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.kubelet.dns.ClusterDns;
import io.tugboat.kubelet.dns.DockerBridge;
import io.tugboat.kubelet.dns.NodeDnsConfig;
import io.tugboat.kubelet.network.HostNetwork;
import io.tugboat.kubelet.network.Ipv4Cidr;
import io.tugboat.kubelet.network.LinuxHostNetwork;
import io.tugboat.kubelet.network.PodNetwork;
import io.tugboat.kubelet.network.SandboxNetwork;
import io.tugboat.kubelet.node.NodeLeaseRenewer;
import io.tugboat.kubelet.node.NodeStatusReporter;
import io.tugboat.kubelet.pod.ContainerFactory;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.pod.CrashBackoff;
import io.tugboat.kubelet.pod.ImagePuller;
import io.tugboat.kubelet.pod.PodKiller;
import io.tugboat.kubelet.pod.PodResources;
import io.tugboat.kubelet.pod.PodWorker;
import io.tugboat.kubelet.pod.VolumeManager;
import io.tugboat.kubelet.probe.ProbeManager;
import io.tugboat.kubelet.probe.Prober;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import io.tugboat.kubelet.runtime.NetworkRuntime;
import io.tugboat.kubelet.server.ContainerLogsHandler;
import io.tugboat.kubelet.server.ContainerStreamsHandler;
import io.tugboat.kubelet.server.KubeletServer;
import io.tugboat.kubelet.streaming.ContainerStreams;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node agent, wired by hand so the whole kubelet can be read from here:
 *
 * <pre>
 *   pods informer (spec.nodeName=me) ──keys──┐
 *   Docker events (my containers)    ──keys──┼─▶ ControllerRunner ─▶ PodWorker.reconcile(ns/name)
 *   housekeeping every relistPeriod  ──keys──┘        (observe ─ plan ─ apply ─ status)
 *   ProbeManager verdict changes     ──keys──┘
 *   Node informer (all nodes)   ──"pod-network"──▶ ControllerRunner ─▶ PodNetwork.reconcile (bridge, routes, rules)
 *
 *   NodeStatusReporter every 10 s (writes on change, or every minute)    NodeLeaseRenewer every 10 s
 *   ClusterDns: Services/Endpoints informers ─▶ DNS server on the pod bridge's gateway, port 53 ({@link #withDns})
 *   KubeletServer: /healthz, /containerLogs/{ns}/{pod}/{container}, /exec/..., /attach/... (WebSocket)
 * </pre>
 *
 * {@link #close()} stops the agent and leaves every container as it is: a kubelet that starts again adopts them.
 */
public final class Kubelet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Kubelet.class);

    /**
     * The container events that change what a pod sync would see: a container started, exited, was OOM-killed,
     * paused or removed. The others — {@code create}, and above all {@code exec_create}/{@code exec_start}/
     * {@code exec_die}, one set per exec probe run — would each cost a sync (a list and an inspect per container) and
     * change nothing; most are the kubelet's own doing anyway.
     */
    private static final Set<String> STATE_CHANGES = Set.of("start", "die", "oom", "destroy", "pause", "unpause");

    private final KubeletConfig config;
    private final ApiClient client;
    private final ContainerRuntime runtime;
    private final ContainerStreams streams;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(4, daemon("kubelet-timer"));
    private final ScheduledExecutorService probeThreads = Executors.newScheduledThreadPool(4, daemon("kubelet-probe"));
    private final ExecutorService stoppers = Executors.newCachedThreadPool(daemon("kubelet-stop"));
    private final ExecutorService sandboxStarts = Executors.newCachedThreadPool(daemon("kubelet-sandbox-start"));
    private SharedInformerFactory informers;
    private ControllerRunner runner;
    private ProbeManager probes;
    private KubeletServer server;
    private AutoCloseable events;
    private NodeDnsConfig dnsConfig;
    private ClusterDns dns;
    /** The cluster's pod range when pods get the node's own bridge; null: Docker's default bridge. */
    private Ipv4Cidr clusterCidr;
    private HostNetwork hostNetwork;
    private PodNetwork podNetwork;
    private ControllerRunner networkRunner;

    public Kubelet(KubeletConfig config, ApiClient client, ContainerRuntime runtime) {
        this(config, client, runtime, ContainerStreams.unsupported());
    }

    /** @param streams exec and attach into containers (the Docker runtime's; the fake runtime has none) */
    public Kubelet(KubeletConfig config, ApiClient client, ContainerRuntime runtime, ContainerStreams streams) {
        this.config = config;
        this.client = client;
        this.runtime = runtime;
        this.streams = streams;
    }

    /**
     * Turns on cluster DNS ({@code tug kubelet} does, by default): the server on the pod bridge's gateway and each
     * pod's {@code /etc/resolv.conf} from its dnsPolicy. Without it, pods keep the resolv.conf Docker gives them.
     * Call before {@link #start()}.
     */
    public Kubelet withDns(NodeDnsConfig dnsConfig) {
        this.dnsConfig = dnsConfig;
        return this;
    }

    /**
     * Gives pods the node's own pod network ({@link io.tugboat.kubelet.network}): a Docker bridge with the Node's
     * {@code spec.podCIDR}, routes to other hosts' pod ranges, iptables rules for forwarding and masquerading.
     * Without it sandboxes use Docker's default bridge. Call before {@link #start()}; needs a runtime that
     * implements {@link NetworkRuntime} (Docker).
     *
     * @param clusterCidr the cluster's pod range ({@code --cluster-cidr}), e.g. {@code 10.244.0.0/16}
     * @param host        the host's routes and iptables ({@link LinuxHostNetwork} on a real node)
     */
    public Kubelet withPodNetwork(String clusterCidr, HostNetwork host) {
        if (!(runtime instanceof NetworkRuntime)) {
            throw new IllegalArgumentException("the pod network needs a runtime with networks (Docker), not " + runtime);
        }
        this.clusterCidr = Ipv4Cidr.parse(clusterCidr);
        this.hostNetwork = host;
        return this;
    }

    /** The node's pod network, when {@link #withPodNetwork} asked for one (after {@link #start()}). */
    public Optional<PodNetwork> podNetwork() {
        return Optional.ofNullable(podNetwork);
    }

    /** Registers the node, starts every loop, and returns once the pod cache has synced. */
    public Kubelet start() throws Exception {
        String node = config.nodeName();
        ContainerLogsHandler logs = new ContainerLogsHandler(node, runtime);
        server = new KubeletServer("0.0.0.0", config.port(), logs, new ContainerStreamsHandler(node, runtime, streams)).start();

        NodeStatusReporter reporter = new NodeStatusReporter(new NodeStatusReporter.NodeFacts(node, config.nodeIP(), server.port(),
                config.capacity(), config.labels(), config.taints()), client, runtime, clock, config.nodeStatusReport());
        registerUntilDone(reporter);
        String nodeUid = client.resources(ResourceKinds.NODES).get(node).metadata().uid();
        NodeLeaseRenewer lease = new NodeLeaseRenewer(node, nodeUid, client, clock, config.leaseDurationSeconds());
        every(config.leaseRenewInterval(), "renewing the node lease", lease::renew);
        every(config.nodeStatusInterval(), "updating the node status", reporter::sync);

        informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        SharedInformer<Pod> pods = informers.informerFor(ResourceKinds.PODS,
                InformerScope.all().withFieldSelector("spec.nodeName=" + node));
        CrashBackoff backoff = new CrashBackoff(clock, config.backoffInitial(), config.backoffMax(), config.backoffReset());
        Prober prober = new Prober(runtime);
        ControllerRunner[] self = new ControllerRunner[1];
        probes = new ProbeManager(prober, probeThreads, key -> self[0].enqueue(key), clock);
        PodResources resources = PodResources.of(client);
        VolumeManager volumes = new VolumeManager(config.rootDir(), resources);
        if (clusterCidr != null) {
            SharedInformer<Node> nodes = informers.informerFor(ResourceKinds.NODES);
            podNetwork = new PodNetwork(node, clusterCidr, nodes.lister(), (NetworkRuntime) runtime, hostNetwork,
                    Duration.ofSeconds(30));
            networkRunner = ControllerRunner.builder("kubelet-network-" + node, podNetwork)
                    .watches(nodes::hasSynced, enqueue -> nodes.addEventHandler(PodNetwork.eventHandler(enqueue)))
                    .workers(1)
                    .build();
        }
        SandboxNetwork sandboxNetwork = podNetwork != null ? podNetwork : SandboxNetwork.DOCKER_DEFAULT;
        if (dnsConfig != null) {
            dns = ClusterDns.start(client::listerWatcher, dnsConfig);
            // where this node's pods reach it: their bridge's gateway (known once the bridge exists; pods wait for it)
            if (podNetwork != null) {
                podNetwork.whenReady(bridge -> dns.serveOn(bridge.gateway(), 53));
            } else {
                dns.serveOn(DockerBridge.defaultGateway(), 53);
            }
        }
        PodWorker worker = new PodWorker(node, config.nodeIP(), pods.lister(), client.resources(ResourceKinds.PODS), runtime,
                new ContainerFactory(node, config.podInfraImage(), resources, sandboxNetwork,
                        dns == null ? null : dns.podFiles(volumes::podDir)), volumes,
                new ImagePuller(runtime, backoff, clock), probes, new PodKiller(runtime, prober, stoppers, clock), backoff, clock,
                sandboxStarts);
        runner = ControllerRunner.builder("kubelet-pods-" + node, worker)
                .watches(pods::hasSynced, enqueue -> pods.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .workers(config.workers())
                .syncTimeout(Duration.ofMinutes(5))
                .build();
        self[0] = runner;
        events = runtime.events(e -> {
            if (STATE_CHANGES.contains(e.action()) && node.equals(e.labels().get(ContainerLabels.NODE))
                    && e.labels().containsKey(ContainerLabels.POD_NAME)) {
                runner.enqueue(ContainerLabels.podKey(e.labels()));
            }
        });
        informers.start();
        if (networkRunner != null) {
            // Pods that arrived before the network waited (NetworkNotReady): sync them all once it is there.
            podNetwork.whenReady(bridge -> housekeeping(pods));
            networkRunner.start();
        }
        runner.start();
        try {
            housekeeping(pods);
        } catch (RuntimeException e) {
            log.warn("first relist failed (is Docker reachable?), the next one is in {}: {}", config.relistPeriod(), e.toString());
        }
        every(config.relistPeriod(), "relisting pods and containers", () -> housekeeping(pods));
        log.info("kubelet of node {} is running; HTTP on port {}", node, server.port());
        return this;
    }

    /** The API server may come up after the kubelet (as with {@code tug up}): keep trying, as the kubelet does. */
    /**
     * Registers the Node, retrying as Kubernetes' kubelet does: after 100 ms, then twice as long each time up to
     * 7 s. The short first steps matter when the kubelet starts together with the API server ({@code tug up}).
     */
    private static void registerUntilDone(NodeStatusReporter reporter) throws InterruptedException {
        long delayMillis = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                reporter.register();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.warn("registering the node failed (attempt {}), retrying in {} ms: {}", attempt, delayMillis, e.toString());
                Thread.sleep(delayMillis); // nothing to be notified by: the API server may not be listening yet
                delayMillis = Math.min(delayMillis * 2, 7_000);
            }
        }
    }

    /**
     * The safety net behind events: every pod bound here, and every pod one of our containers belongs to (a pod
     * deleted while the kubelet was down has containers but no object), gets a sync.
     */
    private void housekeeping(SharedInformer<Pod> pods) {
        Set<String> keys = new HashSet<>();
        pods.lister().list(io.tugboat.api.labels.Selector.everything()).forEach(p -> keys.add(Keys.keyOf(p)));
        for (ContainerInfo c : runtime.list(ContainerLabels.ofNode(config.nodeName()))) {
            keys.add(ContainerLabels.podKey(c.labels()));
        }
        keys.forEach(runner::enqueue);
    }

    /** The kubelet's HTTP port (the one chosen when configured with 0). */
    public int port() {
        return server.port();
    }

    /** Cluster DNS as started, if {@link #withDns} turned it on. */
    public java.util.Optional<ClusterDns> dns() {
        return java.util.Optional.ofNullable(dns);
    }

    public String nodeName() {
        return config.nodeName();
    }

    /** Stops every loop; containers keep running. */
    @Override
    public void close() {
        if (events != null) {
            try {
                events.close();
            } catch (Exception e) {
                log.debug("closing the event stream: {}", e.toString());
            }
        }
        if (runner != null) {
            runner.stop();
        }
        if (networkRunner != null) {
            networkRunner.stop();
        }
        if (informers != null) {
            informers.stop();
        }
        if (probes != null) {
            probes.close();
        }
        timers.shutdownNow();
        probeThreads.shutdownNow();
        stoppers.shutdownNow();
        sandboxStarts.shutdownNow();
        if (server != null) {
            server.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    /** A node's object as last registered (for tests and tools). */
    public Node node() throws Exception {
        return client.resources(ResourceKinds.NODES).get(config.nodeName());
    }

    private interface Task {
        void run() throws Exception;
    }

    private void every(Duration period, String what, Task task) {
        timers.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("{} failed: {}", what, e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
