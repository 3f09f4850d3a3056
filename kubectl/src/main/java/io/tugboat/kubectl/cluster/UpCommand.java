package io.tugboat.kubectl.cluster;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tug up}: a whole cluster on this machine, in the background, ready to use when the command returns.
 *
 * <pre>
 *   prerequisites ──▶ etcd ──▶ apiserver ──▶ kubeconfig ──▶ scheduler, controller-manager, kubelets ──▶ nodes Ready
 *   (install-deps)   /health     /readyz                      (started together; they wait for the API)
 * </pre>
 *
 * Each step waits for the previous one's health check, so a failure names the component that failed and
 * shows the end of its log instead of timing out later somewhere else.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a local cluster (etcd, API server, scheduler, controller-manager, N kubelets) in the background.")
public final class UpCommand implements Callable<Integer> {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration NODES_READY_TIMEOUT = Duration.ofSeconds(120);

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "1", description = "Number of kubelets (nodes node-1..node-N). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--data-dir", description = "Where the cluster keeps kubeconfig, logs, pids and etcd data. Default: ~/.tugboat.")
    Path dataDir;

    @Option(names = "--port", defaultValue = "6443", description = "API server port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--etcd-servers", description = "Use this etcd instead of starting one.")
    String etcdServers;

    @Option(names = "--etcd-port", defaultValue = "2379", description = "Client port of the etcd started here (peer port: +1). Default: ${DEFAULT-VALUE}.")
    int etcdPort;

    @Option(names = "--node-prefix", defaultValue = "node-", description = "Node names are this plus 1..N. Default: ${DEFAULT-VALUE}.")
    String nodePrefix;

    @Option(names = "--kubelet-port", defaultValue = "10250", description = "Port of node-1's kubelet; node-i uses this + i - 1. Default: ${DEFAULT-VALUE}.")
    int kubeletPort;

    @Option(names = "--cluster-cidr", defaultValue = LocalCluster.DEFAULT_CLUSTER_CIDR,
            description = "The pods' address range; each node gets a /24 of it. Default: ${DEFAULT-VALUE}.")
    String clusterCidr;

    @Option(names = "--skip-install", description = "Do not run deploy/install-deps.sh (Docker engine, etcd, local images) first.")
    boolean skipInstall;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (nodes < 1) {
            err.println("error: --nodes must be at least 1");
            return 1;
        }
        long started = System.nanoTime();
        ClusterDir dir = new ClusterDir(dataDir == null ? ClusterDir.defaultRoot() : dataDir.toAbsolutePath());
        dir.create();
        LocalCluster cluster = new LocalCluster(dir, port, etcdServers, etcdPort, nodes, nodePrefix, kubeletPort, clusterCidr);

        if (!skipInstall && !installPrerequisites(dir, out, err)) {
            return 1;
        }
        dir.writeSettings(cluster.toSettings());
        dir.writeKubeconfig(cluster.apiServerUrl());

        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        LocalCluster.Component apiserver = null;
        for (LocalCluster.Component component : cluster.components(java, classpath)) {
            LocalProcess process = component.process();
            Optional<ProcessHandle> running = process.running();
            if (running.isPresent()) {
                out.printf("%-22s already running (pid %d)%n", process.name(), running.get().pid());
            } else {
                ProcessHandle handle = process.start(component.command());
                out.printf("%-22s started (pid %d, log %s)%n", process.name(), handle.pid(), process.logFile());
            }
            out.flush();
            // Only etcd gates what follows: the API server cannot start without it. The other components start
            // while the API server's JVM is still starting (JVM start-up dominates tug up), and wait for it
            // themselves: their informers and leader election retry, the kubelet retries registering its node.
            if (process.name().equals("etcd") && !awaitHealthy(http, component, err)) {
                return 1;
            }
            if (process.name().equals("apiserver")) {
                apiserver = component;
            }
        }
        if (apiserver != null && !awaitHealthy(http, apiserver, err)) {
            return 1;
        }
        if (DefaultStorageClassAddon.ensure(ApiClient.builder(cluster.apiServerUrl()).build())) {
            out.println("storageclass           host-path (default) created");
        }
        if (!awaitNodesReady(cluster, out, err)) {
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("%nTugboat is up: %d node(s) Ready in %.1f s.%n%n", nodes, seconds);
        out.printf("  export KUBECONFIG=%s%n", dir.kubeconfig());
        out.println("  ./tug get nodes                  # or the real kubectl: kubectl get nodes");
        out.println("  ./tug apply -f deploy/examples/web.yaml");
        out.printf("%nLogs: %s   Health: ./tug status   Stop: ./tug down%n", dir.root().resolve("logs"));
        return 0;
    }

    /** Runs deploy/install-deps.sh of the checkout the launcher runs from; its output goes to a log. */
    private static boolean installPrerequisites(ClusterDir dir, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        String root = System.getenv("TUG_ROOT");
        Path script = root == null ? null : Path.of(root, "deploy", "install-deps.sh");
        if (script == null || !Files.exists(script)) {
            out.println("prerequisites          not checked (run through ./tug to install Docker, etcd and images)");
            return true;
        }
        out.println("prerequisites          checking Docker engine, etcd, local images (deploy/install-deps.sh)...");
        out.flush();
        Path log = dir.log("install-deps");
        Process install = new ProcessBuilder("bash", script.toString())
                .redirectInput(new java.io.File("/dev/null"))
                .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        if (install.waitFor() != 0) {
            err.println("error: deploy/install-deps.sh failed (log: " + log + "):");
            err.println(new LocalProcess(dir, "install-deps", "").logTail(15));
            return false;
        }
        return true;
    }

    private static boolean awaitHealthy(HttpClient http, LocalCluster.Component component, PrintWriter err)
            throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        LocalProcess process = component.process();
        while (System.nanoTime() < deadline) {
            if (process.running().isEmpty()) {
                err.println("error: " + process.name() + " exited; the end of " + process.logFile() + ":");
                err.println(process.logTail(20));
                return false;
            }
            if (healthy(http, component.healthUrl())) {
                return true;
            }
            Thread.sleep(200); // polling a local health endpoint; nothing to be notified by
        }
        err.println("error: " + process.name() + " not healthy after " + START_TIMEOUT.toSeconds()
                + " s (" + component.healthUrl() + "); the end of " + process.logFile() + ":");
        err.println(process.logTail(20));
        return false;
    }

    static boolean healthy(HttpClient http, String url) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until every node-i exists and is Ready, printing progress when the count changes. */
    private boolean awaitNodesReady(LocalCluster cluster, PrintWriter out, PrintWriter err) throws Exception {
        ApiClient client = ApiClient.builder(cluster.apiServerUrl()).build();
        List<String> wanted = cluster.nodeNames();
        long deadline = System.nanoTime() + NODES_READY_TIMEOUT.toNanos();
        int lastReported = -1;
        while (true) {
            List<String> ready = readyNodes(client).stream().filter(wanted::contains).toList();
            if (ready.size() != lastReported) {
                out.printf("nodes                  %d/%d Ready%n", ready.size(), wanted.size());
                out.flush();
                lastReported = ready.size();
            }
            if (ready.size() == wanted.size()) {
                return true;
            }
            for (LocalCluster.Component component : cluster.components("java", "")) {
                LocalProcess process = component.process();
                if (process.running().isEmpty()) {
                    err.println("error: " + process.name() + " exited; the end of " + process.logFile() + ":");
                    err.println(process.logTail(20));
                    return false;
                }
            }
            if (System.nanoTime() > deadline) {
                err.println("error: nodes not Ready after " + NODES_READY_TIMEOUT.toSeconds()
                        + " s; see the kubelet logs in " + cluster.dir().root().resolve("logs"));
                return false;
            }
            Thread.sleep(250); // polling, as kubectl wait does between watch reconnects
        }
    }

    static List<String> readyNodes(ApiClient client) throws ApiException {
        return client.resources(ResourceKinds.NODES).list(ListOptions.none()).items().stream()
                .filter(UpCommand::isReady).map(n -> n.metadata().name()).toList();
    }

    static boolean isReady(Node node) {
        if (node.status() == null || node.status().conditions() == null) {
            return false;
        }
        for (NodeCondition condition : node.status().conditions()) {
            if ("Ready".equals(condition.type())) {
                return "True".equals(condition.status());
            }
        }
        return false;
    }
}
