package io.tugboat.kubectl.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a local cluster is made of: which processes, started with which command lines. Pure description;
 * {@link UpCommand} starts them, {@link DownCommand} stops them, {@link StatusCommand} checks them.
 *
 * @param dir          where state, logs and pids live
 * @param apiPort      the API server's port on 127.0.0.1
 * @param etcdServers  an external etcd to use, or {@code null} to run one here on {@code etcdPort}
 * @param etcdPort     the client port of the local etcd (its peer port is the next one)
 * @param nodes        how many kubelets, named {@code <nodePrefix>1} .. {@code <nodePrefix>N}
 * @param nodePrefix   the node names' prefix, {@code node-} unless two clusters share this machine's Docker
 *                     engine (the test suite's cluster must never touch the containers of a user's)
 * @param kubeletPort  the first kubelet's port; the i-th listens on {@code kubeletPort + i - 1}
 * @param clusterCidr  the pods' address range, cut into one range per node (docs/networking.md); two clusters on
 *                     one Docker engine need ranges that do not overlap
 */
public record LocalCluster(ClusterDir dir, int apiPort, String etcdServers, int etcdPort, int nodes, String nodePrefix,
        int kubeletPort, String clusterCidr) {
    /** The pods' address range unless {@code tug up --cluster-cidr} says otherwise (flannel's and Tugboat's default). */
    public static final String DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";

    /**
     * The heap each component JVM starts with. The JVM's default is 1/64 of the machine's memory, capped at
     * {@code -Xmx}: on most machines the whole maximum, committed and (by the serial collector's young
     * generation) touched from the start. Starting small lets an idle component's heap stay small.
     */
    static final String INITIAL_HEAP = "8m";

    /**
     * JVM flags of every component, chosen for start-up time and idle resident memory (what {@code tug up}
     * on a laptop is about), not throughput:
     * <ul>
     *   <li>the serial collector (no GC threads), shrinking the heap back when garbage is collected
     *       ({@code Min/MaxHeapFreeRatio});</li>
     *   <li>C1 only, one compiler thread, a small code cache: fast start-up, little compiled code to keep;</li>
     *   <li>512 KiB thread stacks; glibc's unused malloc memory returned to the OS every 10 s
     *       ({@code TrimNativeHeapInterval}, JDK 17.0.9+, ignored by older JVMs).</li>
     * </ul>
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=32m", "-Xss512k", "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:TrimNativeHeapInterval=10000");

    /** The component processes in start order: etcd (if local), API server, scheduler, controller-manager, kubelets. */
    public record Component(LocalProcess process, List<String> command, String healthUrl) {
    }

    public String apiServerUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public boolean runsEtcd() {
        return etcdServers == null;
    }

    public String etcdUrl() {
        return runsEtcd() ? "http://127.0.0.1:" + etcdPort : etcdServers;
    }

    public String nodeName(int i) {
        return nodePrefix + i;
    }

    public List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add(nodeName(i));
        }
        return names;
    }

    /**
     * The processes of this cluster in start order. {@code java} and {@code classpath} run the tug main
     * class; each component gets a heap sized for a toy cluster, {@link #JVM_FLAGS}, and its
     * {@link ClassDataArchives class-data archive} when {@code classpath} is the built jars.
     */
    public List<Component> components(String java, String classpath) {
        Optional<ClassDataArchives> cds = ClassDataArchives.forClasspath(classpath);
        List<Component> list = new ArrayList<>();
        if (runsEtcd()) {
            Path data = dir.etcdData();
            String peer = "http://127.0.0.1:" + (etcdPort + 1);
            list.add(new Component(new LocalProcess(dir, "etcd", data.toString()), List.of(
                    "etcd", "--name=tugboat", "--data-dir=" + data,
                    "--listen-client-urls=" + etcdUrl(), "--advertise-client-urls=" + etcdUrl(),
                    "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
                    "--initial-cluster=tugboat=" + peer), etcdUrl() + "/health"));
        }
        String kubeconfig = "--kubeconfig=" + dir.kubeconfig();
        list.add(tug(java, classpath, cds, "apiserver", "192m", apiServerUrl() + "/readyz",
                "apiserver", "--etcd-servers=" + etcdUrl(), "--bind-address=127.0.0.1", "--port=" + apiPort));
        list.add(tug(java, classpath, cds, "scheduler", "96m", null, "scheduler", kubeconfig));
        // Kubernetes' worker counts (20 garbage-collector and 10 namespace workers) are for thousands of objects;
        // a local cluster's few dozen need two each, and every worker is a thread with its stack.
        list.add(tug(java, classpath, cds, "controller-manager", "96m", null, "controller-manager",
                kubeconfig, "--concurrent-gc-syncs=2", "--concurrent-namespace-syncs=2",
                "--allocate-node-cidrs=true", "--cluster-cidr=" + clusterCidr));
        for (int i = 1; i <= nodes; i++) {
            int port = kubeletPort + i - 1;
            list.add(tug(java, classpath, cds, "kubelet-" + nodeName(i), "96m",
                    "http://127.0.0.1:" + port + "/healthz",
                    "kubelet", kubeconfig, "--node-name=" + nodeName(i), "--port=" + port,
                    "--root-dir=" + dir.root().resolve("kubelet").resolve(nodeName(i)), "--cluster-cidr=" + clusterCidr));
        }
        return list;
    }

    /**
     * A component run as {@code tug ARGS...} in a JVM of its own. Its arguments name this cluster's
     * kubeconfig or ports, so they also tell its process apart from any other cluster's.
     */
    private Component tug(String java, String classpath, Optional<ClassDataArchives> cds, String name, String heap,
            String healthUrl, String... tugArgs) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + INITIAL_HEAP));
        command.addAll(JVM_FLAGS);
        // The kubelets share one archive; only the first writes it (two JVMs writing one file would spoil it).
        String kind = tugArgs[0];
        cds.ifPresent(archives -> command.addAll(archives.flags(kind, !kind.equals("kubelet") || name.equals("kubelet-" + nodeName(1)))));
        command.addAll(List.of("-cp", classpath, "io.tugboat.kubectl.Tug"));
        command.addAll(List.of(tugArgs));
        String marker = "io.tugboat.kubectl.Tug " + String.join(" ", tugArgs);
        return new Component(new LocalProcess(dir, name, marker), command, healthUrl);
    }

    public Properties toSettings() {
        Properties p = new Properties();
        p.setProperty("apiPort", Integer.toString(apiPort));
        if (etcdServers != null) {
            p.setProperty("etcdServers", etcdServers);
        }
        p.setProperty("etcdPort", Integer.toString(etcdPort));
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("nodePrefix", nodePrefix);
        p.setProperty("kubeletPort", Integer.toString(kubeletPort));
        p.setProperty("clusterCidr", clusterCidr);
        return p;
    }

    /** The cluster {@code up} recorded in {@code dir}, or {@code null} when there is none. */
    public static LocalCluster fromSettings(ClusterDir dir) {
        Properties p = dir.readSettings();
        if (p.isEmpty()) {
            return null;
        }
        return new LocalCluster(dir, Integer.parseInt(p.getProperty("apiPort")), p.getProperty("etcdServers"),
                Integer.parseInt(p.getProperty("etcdPort")), Integer.parseInt(p.getProperty("nodes")),
                p.getProperty("nodePrefix", "node-"), Integer.parseInt(p.getProperty("kubeletPort")),
                p.getProperty("clusterCidr", DEFAULT_CLUSTER_CIDR));
    }
}
