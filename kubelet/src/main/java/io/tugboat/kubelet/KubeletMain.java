package io.tugboat.kubelet;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Taint;
import io.tugboat.client.ApiClient;
import io.tugboat.kubelet.dns.NodeDnsConfig;
import io.tugboat.kubelet.network.LinuxHostNetwork;
import io.tugboat.kubelet.proxy.ProxyRules;
import io.tugboat.kubelet.proxy.ServiceProxy;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.kubelet.server.KubeletAuthorizer;
import io.tugboat.kubelet.server.KubeletTls;
import io.tugboat.kubelet.streaming.DockerContainerStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tug kubelet}: the node agent as a process. Parses the flags, connects to the API server and Docker, runs a
 * {@link Kubelet} and its {@link ServiceProxy} until SIGTERM/SIGINT, then stops its loops (containers keep running, to be
 * adopted next time) and removes the proxy's iptables rules.
 */
@Command(name = "kubelet", mixinStandardHelpOptions = true,
        description = "Runs the pods bound to this node on Docker and reports them to the API server.")
public final class KubeletMain implements Callable<Integer> {
    @Option(names = "--kubeconfig", required = true, description = "kubeconfig file to reach the API server")
    Path kubeconfig;
    @Option(names = "--node-name", required = true, description = "name of this node")
    String nodeName;
    @Option(names = "--docker-host", defaultValue = "unix:///var/run/docker.sock", description = "Docker Engine endpoint")
    String dockerHost;
    @Option(names = "--port", defaultValue = "10250", description = "kubelet HTTPS port (logs, exec, attach, port-forward)")
    int port;
    @Option(names = "--node-ip", defaultValue = "127.0.0.1", description = "node InternalIP, where the API server reaches the kubelet")
    String nodeIP;
    @Option(names = "--pod-infra-image", defaultValue = "tugboat/pause:1", description = "sandbox image")
    String podInfraImage;
    @Option(names = "--root-dir", defaultValue = "/var/lib/tugboat/kubelet", description = "directory for pod volumes")
    Path rootDir;
    @Option(names = "--cpu", description = "CPU capacity to report (default: the host's)")
    String cpu;
    @Option(names = "--memory", description = "memory capacity to report, e.g. 4Gi (default: the host's)")
    String memory;
    @Option(names = "--max-pods", defaultValue = "110", description = "pods capacity")
    int maxPods;
    @Option(names = "--node-labels", split = ",", description = "extra node labels key=value,...")
    List<String> nodeLabels = new ArrayList<>();
    @Option(names = "--register-with-taints", split = ",", description = "taints key=value:Effect,...")
    List<String> taints = new ArrayList<>();
    @Option(names = "--node-lease-renew-interval", defaultValue = "10s", description = "how often to renew the node lease")
    String leaseRenewInterval;
    @Option(names = "--node-status-update-frequency", defaultValue = "10s", description = "how often to check the node status")
    String nodeStatusUpdateFrequency;
    @Option(names = "--pod-network", defaultValue = "bridge",
            description = "bridge: pods get the node's own Docker bridge with its spec.podCIDR, routes and iptables rules "
                    + "(docs/networking.md); docker: Docker's default bridge (pod IPs unique on this host only). Default: ${DEFAULT-VALUE}.")
    String podNetwork;
    @Option(names = "--cluster-cidr", defaultValue = "10.244.0.0/16",
            description = "the cluster's pod range, as given to the controller-manager; traffic leaving it, and Service traffic "
                    + "from outside it, is masqueraded. Default: ${DEFAULT-VALUE}.")
    String clusterCidr;
    @Option(names = "--restart-backoff", defaultValue = "10s", description = "first crash restart delay (doubles up to 300s)")
    String restartBackoff;
    @Option(names = "--proxy-mode", defaultValue = "iptables",
            description = "service proxy: iptables (kube-proxy's iptables mode, one writer per network namespace) or none")
    String proxyMode;
    @Option(names = "--nodeport-addresses", split = ",",
            description = "CIDRs NodePorts answer on (default: every local address, 127.0.0.1 included)")
    List<String> nodePortAddresses = new ArrayList<>();
    @Option(names = "--cluster-domain", defaultValue = "cluster.local", description = "the cluster's DNS domain")
    String clusterDomain;
    @Option(names = "--cluster-dns", split = ",", description = "DNS server IPs for ClusterFirst pods (default: this kubelet's own server)")
    List<String> clusterDns = new ArrayList<>();
    @Option(names = "--serve-cluster-dns", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "serve cluster DNS on the pod bridge's gateway, port 53 (default: true)")
    boolean serveClusterDns;
    @Option(names = "--resolv-conf", defaultValue = "/etc/resolv.conf",
            description = "the node's resolver file: Default pods copy it, cluster DNS forwards other names to it")
    Path resolvConf;

    @Option(names = "--tls-cert-file", description = "serving certificate of the kubelet's HTTPS port (PEM)")
    Path tlsCertFile;
    @Option(names = "--tls-private-key-file", description = "its private key (PEM)")
    Path tlsKeyFile;
    @Option(names = "--client-ca-file", description = "CA that signs the client certificates the HTTPS port accepts")
    Path clientCaFile;
    @Option(names = "--authorized-users", split = ",", defaultValue = KubeletAuthorizer.APISERVER_KUBELET_CLIENT,
            description = "client certificate CNs allowed to use the HTTPS port (default: ${DEFAULT-VALUE}, the API server)")
    List<String> authorizedUsers = new ArrayList<>();
    @Option(names = "--authorized-groups", split = ",", description = "client certificate Os allowed to use the HTTPS port (default: none)")
    List<String> authorizedGroups = new ArrayList<>();
    @Option(names = "--insecure-http", description = "serve plain HTTP on 127.0.0.1 without authentication instead of HTTPS")
    boolean insecureHttp;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KubeletMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!io.tugboat.kubelet.network.Ipv4Cidr.isValid(clusterCidr)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--cluster-cidr is not an IPv4 CIDR: " + clusterCidr);
        }
        Map<String, Quantity> capacity = new HashMap<>(KubeletConfig.hostCapacity(maxPods));
        if (cpu != null) {
            capacity.put("cpu", Quantity.parse(cpu));
        }
        if (memory != null) {
            capacity.put("memory", Quantity.parse(memory));
        }
        KubeletTls tls = tls();
        KubeletConfig defaults = KubeletConfig.defaults(nodeName);
        KubeletConfig config = defaults.withNetwork(nodeIP, port).withPodInfraImage(podInfraImage).withRootDir(rootDir)
                .withNode(capacity, labels(nodeLabels), taints(taints))
                .withIntervals(duration(leaseRenewInterval), duration(nodeStatusUpdateFrequency), defaults.nodeStatusReport(),
                        defaults.relistPeriod())
                .withBackoff(duration(restartBackoff), defaults.backoffMax(), defaults.backoffReset()).withTls(tls);
        ApiClient client = ApiClient.fromKubeconfig(kubeconfig.toString(), null).rateLimit(50, 100).build();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (DockerRuntime docker = new DockerRuntime(dockerHost); DockerContainerStreams streams = new DockerContainerStreams(dockerHost);
             Kubelet kubelet = new Kubelet(config, client, docker, streams)
                     .withDns(new NodeDnsConfig(serveClusterDns, clusterDomain, clusterDns, resolvConf));
             AutoCloseable proxy = startProxy(client)) {
            switch (podNetwork) {
                case "bridge" -> kubelet.withPodNetwork(clusterCidr, new LinuxHostNetwork());
                case "docker" -> { }
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "--pod-network must be bridge or docker, not " + podNetwork);
            }
            // The hook waits for the close below: the JVM must not exit while the proxy is still removing its rules.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                awaitQuietly(closed);
            }, "kubelet-shutdown"));
            kubelet.start();
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /**
     * HTTPS needs all three TLS files; plain HTTP only when asked for by name and with none of them, so a typo in
     * a flag never silently leaves a node's port open.
     */
    KubeletTls tls() {
        CommandLine commandLine = new CommandLine(this);
        boolean any = tlsCertFile != null || tlsKeyFile != null || clientCaFile != null;
        if (insecureHttp) {
            if (any) {
                throw new CommandLine.ParameterException(commandLine, "--insecure-http excludes --tls-cert-file, --tls-private-key-file and --client-ca-file");
            }
            return null;
        }
        if (tlsCertFile == null || tlsKeyFile == null || clientCaFile == null) {
            throw new CommandLine.ParameterException(commandLine, "the kubelet's port needs --tls-cert-file, --tls-private-key-file and"
                    + " --client-ca-file (see docs/security.md), or --insecure-http for plain HTTP on 127.0.0.1");
        }
        return new KubeletTls(tlsCertFile, tlsKeyFile, clientCaFile,
                new KubeletAuthorizer(new java.util.HashSet<>(authorizedUsers), new java.util.HashSet<>(authorizedGroups)));
    }

    /** The service proxy beside the kubelet, unless {@code --proxy-mode=none}. */
    private AutoCloseable startProxy(ApiClient client) {
        switch (proxyMode) {
            case "none":
                return () -> { };
            case "iptables":
                ProxyRules.Options rules = new ProxyRules.Options(ProxyRules.Options.defaults().prefix(), clusterCidr,
                        nodePortAddresses, nodePortAddresses.isEmpty());
                return new ServiceProxy(client, ServiceProxy.Config.defaults().withRules(rules)).start();
            default:
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--proxy-mode must be iptables or none, not " + proxyMode);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> labels(List<String> pairs) {
        Map<String, String> labels = new HashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            labels.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return labels;
    }

    /** {@code key=value:Effect} or {@code key:Effect}. */
    static List<Taint> taints(List<String> specs) {
        List<Taint> taints = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            if (colon < 0) {
                throw new CommandLine.ParameterException(new CommandLine(new KubeletMain()), "taint needs an effect: " + spec);
            }
            String kv = spec.substring(0, colon);
            int eq = kv.indexOf('=');
            taints.add(new Taint(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? null : kv.substring(eq + 1), spec.substring(colon + 1), null));
        }
        return taints;
    }

    /** A Go duration ({@code 10s}, {@code 500ms}, {@code 1m30s}; {@link io.tugboat.api.GoDuration}), or plain seconds. */
    static Duration duration(String text) {
        return text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : io.tugboat.api.GoDuration.parse(text);
    }
}
