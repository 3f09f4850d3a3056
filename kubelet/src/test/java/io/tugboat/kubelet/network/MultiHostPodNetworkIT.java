package io.tugboat.kubelet.network;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.IntOrString;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.Kubelet;
import io.tugboat.kubelet.KubeletConfig;
import io.tugboat.kubelet.dns.ClusterDns;
import io.tugboat.kubelet.dns.NodeDnsConfig;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.proxy.Iptables;
import io.tugboat.kubelet.proxy.ProxyRules;
import io.tugboat.kubelet.proxy.ServiceProxy;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two hosts with separate network stacks: two network namespaces made by the test, each with its own Docker engine
 * ({@code dockerd} started inside it with {@code nsenter --net}, so it keeps the host's cgroup mounts), joined by a
 * veth link as a LAN (192.168.90.2 and .3). Each namespace gets a kubelet whose node address is its LAN address,
 * whose containers run on that namespace's engine and whose {@code ip}/{@code iptables} commands run inside it
 * ({@link LinuxHostNetwork} with an {@code nsenter} prefix). The kubelet processes themselves run in this test's
 * JVM: nothing of the pod network depends on where the kubelet's own sockets live.
 *
 * <p>Here routes are needed (the other node's range is behind the LAN), {@code FORWARD} drops by default as on a
 * Docker host, and traffic from a pod to the other host's address leaves through the LAN: host-gw as on two VMs.
 * The test plays the node IPAM controller and gives each Node its {@code spec.podCIDR}.
 *
 * <p>Each host also runs a {@link ServiceProxy} whose {@code iptables} commands run inside its namespace, with chains
 * of this run's own prefix and a lock of its own; the test plays the endpoints controller and writes core/v1
 * Endpoints by hand for a selector-less Service with one web pod on each host. Deleting the namespaces at the end
 * takes every rule with them, whatever happened in between.
 *
 * <p>Cluster DNS: a kubelet serves it on its pod bridge's gateway from its own process, which here is this JVM in
 * the machine's namespace, where the hosts' bridges are not. So host A gets a second link, to the machine's
 * namespace ({@link #DNS_ROOT} there, {@link #DNS_HOST} in A, a /30 of this run's own in 10.253.0.0/16, a range
 * Docker does not hand out), a {@link ClusterDns} in this JVM serves on the machine's end, and host A's kubelet
 * names it as {@code --cluster-dns} (not serving itself). A pod's query needs nothing more: the pod network's own
 * rules accept what the pod range sends and masquerade it leaving the cluster range, so the server sees host A's
 * end of the link and answers over it; the machine's namespace needs no route to the pod range.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostPodNetworkIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    private static final String CLUSTER_CIDR = "10.244.0.0/16";
    private static final String WHOAMI = "mkdir -p /www/cgi-bin && printf '#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho $REMOTE_ADDR\\n'"
            + " > /www/cgi-bin/ip && chmod +x /www/cgi-bin/ip && exec httpd -f -p %d -h /www";

    static final String ID = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    static final Host A = new Host("a", "192.168.90.2", "10.244.1.0/24");
    static final Host B = new Host("b", "192.168.90.3", "10.244.2.0/24");
    /** The proxies' chain prefix: this run's own ({@code TM} + 3 hex digits, short enough for 28-character chain names). */
    static final String PROXY_PREFIX = "TM" + ID.substring(0, 3).toUpperCase();
    static final List<String> WEB_PODS = List.of("web-a", "web-b");
    /** Host A's link to the machine's namespace for cluster DNS: this run's own /30 in 10.253.0.0/16. */
    static final String DNS_ROOT;
    static final String DNS_HOST;
    static final String DNS_LINK = "tbmh" + ID + "d";
    static ClusterDns dns;

    static {
        int n = Integer.parseInt(ID, 16);
        String net = "10.253." + (n & 0xff) + ".";
        int base = ((n >> 8) & 0x3f) * 4;
        DNS_ROOT = net + (base + 1);
        DNS_HOST = net + (base + 2);
    }
    private static final String WEB = "mkdir -p /www && echo %s > /www/index.html && exec httpd -f -p 8080 -h /www";
    static Path work;
    static TestCluster cluster;
    static ApiClient client;
    static ResourceClient<Pod> pods;

    /** One "host": a network namespace, its Docker engine, its kubelet. */
    static final class Host {
        final String letter;
        final String address;
        final String podCidr;
        final String netns;
        final String node;
        Path dir;
        Process dockerd;
        DockerRuntime docker;
        Kubelet kubelet;
        ServiceProxy proxy;

        Host(String letter, String address, String podCidr) {
            this.letter = letter;
            this.address = address;
            this.podCidr = podCidr;
            this.netns = "tbmh-" + ID + "-" + letter;
            this.node = "mh-" + ID + "-" + letter;
        }

        String socket() {
            return "unix://" + dir.resolve("docker.sock");
        }

        List<String> enter() {
            return List.of("nsenter", "--net=/var/run/netns/" + netns);
        }
    }

    @BeforeAll
    static void twoHosts() throws Exception {
        work = Files.createTempDirectory("tbmh");
        String vethA = "tbmh" + ID + "a";
        String vethB = "tbmh" + ID + "b";
        run("ip", "netns", "add", A.netns);
        run("ip", "netns", "add", B.netns);
        run("ip", "link", "add", vethA, "type", "veth", "peer", "name", vethB);
        for (Host host : List.of(A, B)) {
            String veth = host == A ? vethA : vethB;
            run("ip", "link", "set", veth, "netns", host.netns);
            run("ip", "-n", host.netns, "link", "set", veth, "name", "lan0");
            run("ip", "-n", host.netns, "addr", "add", host.address + "/24", "dev", "lan0");
            run("ip", "-n", host.netns, "link", "set", "lan0", "up");
            run("ip", "-n", host.netns, "link", "set", "lo", "up");
            // A default route as on a VM: without one a packet from a pod to a ClusterIP that has no endpoints finds
            // no route and fails before the proxy's REJECT in FORWARD sees it. (The gateway need not exist.)
            run("ip", "-n", host.netns, "route", "add", "default", "via", "192.168.90.1", "dev", "lan0");
            host.dir = Files.createDirectories(work.resolve(host.letter));
            List<String> dockerd = new ArrayList<>(host.enter());
            dockerd.addAll(List.of("dockerd", "--data-root", host.dir.resolve("data").toString(),
                    "--exec-root", host.dir.resolve("exec").toString(), "-H", host.socket(),
                    "--pidfile", host.dir.resolve("docker.pid").toString(), "--bridge=none",
                    "--config-file", Files.writeString(host.dir.resolve("daemon.json"), "{}").toString()));
            host.dockerd = new ProcessBuilder(dockerd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(host.dir.resolve("dockerd.log").toFile()).redirectErrorStream(true).start();
        }
        for (Host host : List.of(A, B)) {
            Eventually.until("dockerd of " + host.netns + " answers", Duration.ofSeconds(90),
                    () -> quietly("docker", "-H", host.socket(), "version").exitCode == 0);
            run("sh", "-c", "docker save tugboat/busybox:1 tugboat/pause:1 | docker -H " + host.socket() + " load");
            // As on a Docker host that forwards: only what a rule accepts gets through.
            run("ip", "netns", "exec", host.netns, "iptables", "-w", "5", "-P", "FORWARD", "DROP");
            host.docker = new DockerRuntime(host.socket());
        }

        // Host A's link to the machine's namespace, where this JVM serves cluster DNS: the root end keeps its name
        // (deleted in teardown; deleting A's namespace would take it too), A's end becomes dns0.
        run("ip", "link", "add", DNS_LINK, "type", "veth", "peer", "name", DNS_LINK + "x");
        run("ip", "link", "set", DNS_LINK + "x", "netns", A.netns);
        run("ip", "-n", A.netns, "link", "set", DNS_LINK + "x", "name", "dns0");
        run("ip", "-n", A.netns, "addr", "add", DNS_HOST + "/30", "dev", "dns0");
        run("ip", "-n", A.netns, "link", "set", "dns0", "up");
        run("ip", "addr", "add", DNS_ROOT + "/30", "dev", DNS_LINK);
        run("ip", "link", "set", DNS_LINK, "up");

        cluster = TestCluster.start(etcd);
        client = cluster.client();
        pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        dns = ClusterDns.start(client::listerWatcher, NodeDnsConfig.defaults());
        dns.serveOn(DNS_ROOT, 53);
        assertTrue(dns.address().isPresent(), "cluster DNS serves on " + DNS_ROOT + ":53 (see the log if not)");
        for (Host host : List.of(A, B)) {
            KubeletConfig config = KubeletConfig.defaults(host.node).withNetwork(host.address, 0)
                    .withRootDir(Files.createDirectories(host.dir.resolve("kubelet")))
                    .withIntervals(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(10));
            host.kubelet = new Kubelet(config, client, host.docker)
                    .withPodNetwork(CLUSTER_CIDR, new LinuxHostNetwork(host.enter()));
            if (host == A) {
                // --cluster-dns=<the machine's end>, --serve-cluster-dns=false: this kubelet's own server could only
                // bind in the machine's namespace, where A's bridge gateway is not
                NodeDnsConfig defaults = NodeDnsConfig.defaults();
                host.kubelet.withDns(new NodeDnsConfig(false, defaults.clusterDomain(), List.of(DNS_ROOT), defaults.resolvConf()));
            }
            host.kubelet.start();
        }
        // the node IPAM controller's part
        ResourceClient<Node> nodes = client.resources(ResourceKinds.NODES);
        for (Host host : List.of(A, B)) {
            Node node = nodes.get(host.node);
            nodes.update(node.withSpec(node.spec().withPodCIDR(host.podCidr).withPodCIDRs(List.of(host.podCidr))));
        }

        for (Host host : List.of(A, B)) {
            // NodePorts on the host's LAN address only and not on 127.0.0.1: localhost NodePorts need route_localnet=1,
            // which the proxy writes through this JVM's /proc, i.e. in the machine's network namespace, not the host's.
            ProxyRules.Options rules = new ProxyRules.Options(PROXY_PREFIX, CLUSTER_CIDR, List.of(host.address + "/32"), false);
            ServiceProxy.Config config = new ServiceProxy.Config(rules, Files.createDirectories(host.dir.resolve("proxy")),
                    Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(5));
            host.proxy = new ServiceProxy(client, config, new Iptables(host.enter())).start();
        }

        pods.create(pod("web-a", A.node, "Always", List.of(container("main", "tugboat/busybox:1", WEB.formatted("web-a")))));
        pods.create(pod("web-b", B.node, "Always", List.of(container("main", "tugboat/busybox:1", WEB.formatted("web-b")))));
        pods.create(pod("server", B.node, "Always", List.of(container("main", "tugboat/busybox:1", WHOAMI.formatted(8080)))));
        pods.create(pod("client", A.node, "Always", List.of(container("main", "tugboat/busybox:1", "exec sleep 3600"))));
        Pod host = pod("host-server", B.node, "Always", List.of(container("main", "tugboat/busybox:1", WHOAMI.formatted(8081))));
        pods.create(host.withSpec(host.spec().withHostNetwork(true)));
        for (String name : List.of("server", "client", "host-server", "web-a", "web-b")) {
            Eventually.until(name + " runs with an address", Duration.ofSeconds(120), () -> {
                try {
                    Pod p = pods.get(name);
                    return p.status() != null && "Running".equals(p.status().phase()) && p.status().podIP() != null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        // Every step runs whatever the ones before did: a kubelet that fails to close must not leave dockerds,
        // namespaces (and the proxies' rules in them) or mounts behind. The first failure is rethrown at the end.
        List<Exception> failures = new ArrayList<>();
        for (Host host : List.of(A, B)) {
            if (host.proxy != null) {
                attempt(failures, host.proxy::close); // removes its rules; deleting the namespace would take them anyway
            }
            if (host.kubelet != null) {
                attempt(failures, host.kubelet::close);
            }
        }
        if (dns != null) {
            attempt(failures, dns::close);
        }
        if (cluster != null) {
            attempt(failures, cluster::close);
        }
        for (Host host : List.of(A, B)) {
            if (host.docker != null) {
                attempt(failures, () -> {
                    host.docker.list(Map.of()).forEach(c -> host.docker.remove(c.id()));
                    host.docker.listNetworks(Map.of(PodBridge.POD_NETWORK_LABEL, "true")).forEach(n -> host.docker.removeNetwork(n.id()));
                });
                attempt(failures, host.docker::close);
            }
            if (host.dockerd != null) {
                host.dockerd.destroy(); // SIGTERM: dockerd stops its containerd and unmounts its layers
                if (!host.dockerd.waitFor(60, TimeUnit.SECONDS)) {
                    host.dockerd.destroyForcibly();
                }
            }
            quietly("ip", "netns", "del", host.netns);
        }
        quietly("ip", "link", "del", "tbmh" + ID + "a"); // only there if setup failed before moving it into its namespace
        quietly("ip", "link", "del", DNS_LINK); // gone with A's namespace if its peer got there; not if setup failed before
        if (work != null) {
            // dockerd leaves a bind mount of its namespace under its exec-root at times: unmount what is left, deepest first
            List<String> mounts = new ArrayList<>(Files.readAllLines(Path.of("/proc/mounts")).stream()
                    .map(line -> line.split(" ")[1]).filter(m -> m.startsWith(work.toString() + "/")).toList());
            mounts.sort(java.util.Comparator.reverseOrder());
            mounts.forEach(m -> quietly("umount", "-l", m));
            quietly("rm", "-rf", work.toString());
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(List<Exception> failures, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    @Test
    @Order(1)
    void podsGetAddressesFromTheirOwnHostsNodeRange() throws Exception {
        assertTrue(Ipv4Cidr.parse(A.podCidr).contains(podIP("client")), podIP("client"));
        assertTrue(Ipv4Cidr.parse(B.podCidr).contains(podIP("server")), podIP("server"));
        assertEquals(B.address, podIP("host-server"), "a hostNetwork pod has its node's address");
        // host-gw: each host routes the other's pod range via the other's LAN address
        assertTrue(run("ip", "-n", A.netns, "-4", "route", "show", "proto", "84").contains(B.podCidr + " via " + B.address));
        assertTrue(run("ip", "-n", B.netns, "-4", "route", "show", "proto", "84").contains(A.podCidr + " via " + A.address));
    }

    @Test
    @Order(2)
    void aPodReachesAPodOnTheOtherHostByPodIPKeepingItsSourceAddress() throws Exception {
        assertEquals("[::ffff:" + podIP("client") + "]", wget(A, "client", "http://" + podIP("server") + ":8080/cgi-bin/ip"));
    }

    @Test
    @Order(3)
    void aPodReachingTheOtherHostsAddressIsMasqueradedAsItsNode() throws Exception {
        // 192.168.90.3 is outside the cluster range: the packet leaves host A with A's address.
        assertEquals("[::ffff:" + A.address + "]", wget(A, "client", "http://" + B.address + ":8081/cgi-bin/ip"));
    }

    @Test
    @Order(4)
    void aClusterIPReachesTheBackendsOnBothHostsFromAPodOnHostA() throws Exception {
        Service web = services().create(Service.of(meta("web"), new ServiceSpec(
                List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null)),
                null, null, null, "NodePort", null, "None", null, null, null, null, null, null, null), null));
        // No selector: the test writes the Endpoints the endpoints controller would, one address per host.
        endpoints().create(Endpoints.of(meta("web"), webSubsets()));
        String url = "http://" + web.spec().clusterIP() + "/";
        Eventually.until("the ClusterIP answers from the client pod on host A", Duration.ofSeconds(60),
                () -> exec(A, "client", "timeout 10 wget -qO- " + url).exitCode() == 0);
        // 30 requests on new connections each: the statistic match picks each backend half the time
        ContainerRuntime.ExecResult result = exec(A, "client",
                "i=0; while [ $i -lt 30 ]; do timeout 10 wget -qO- " + url + " || exit 1; i=$((i+1)); done");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(Set.copyOf(WEB_PODS), new HashSet<>(result.output().lines().map(String::strip).toList()),
                "over 30 requests the backend on each host answered");
        // the proxies wrote their hosts' namespaces, and nothing of theirs reached this machine's own
        for (Host host : List.of(A, B)) {
            assertTrue(run("ip", "netns", "exec", host.netns, "iptables-save", "-t", "nat").contains(":" + PROXY_PREFIX + "-SERVICES"));
        }
        assertFalse(run("iptables-save", "-t", "nat").contains(PROXY_PREFIX + "-"), "no proxy chain in the machine's namespace");
    }

    @Test
    @Order(5)
    void aServiceAnswersByNameThroughClusterDnsFromAPodOnHostA() throws Exception {
        String clusterIP = services().get("web").spec().clusterIP();
        String resolvConf = exec(A, "client", "cat /etc/resolv.conf").output();
        assertTrue(resolvConf.contains("nameserver " + DNS_ROOT), resolvConf);
        assertTrue(resolvConf.contains("search default.svc.cluster.local svc.cluster.local cluster.local"), resolvConf);
        // the full name, and the short one through the search list (ndots:5)
        for (String name : List.of("web.default.svc.cluster.local", "web")) {
            Eventually.until(name + " resolves to the ClusterIP in the client pod on host A", Duration.ofSeconds(60),
                    () -> exec(A, "client", "timeout 10 nslookup " + name).output().contains(clusterIP));
        }
        ContainerRuntime.ExecResult result = exec(A, "client",
                "i=0; while [ $i -lt 20 ]; do timeout 10 wget -qO- http://web.default.svc.cluster.local/ || exit 1;"
                        + " i=$((i+1)); done; timeout 10 wget -qO- http://web/");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(Set.copyOf(WEB_PODS), new HashSet<>(result.output().lines().map(String::strip).toList()),
                "over 21 requests by name the backend on each host answered");
    }

    @Test
    @Order(6)
    void aNodePortAnswersOnHostBsAddressFromHostAsNamespace() throws Exception {
        int nodePort = services().get("web").spec().ports().get(0).nodePort();
        String url = "http://" + B.address + ":" + nodePort + "/";
        List<String> curl = new ArrayList<>(List.of("ip", "netns", "exec", A.netns, "sh", "-c"));
        curl.add("i=0; while [ $i -lt 20 ]; do curl -sf --max-time 10 " + url + " || exit 1; i=$((i+1)); done");
        Eventually.until("NodePort " + nodePort + " answers on " + B.address + " from host A",
                Duration.ofSeconds(60), () -> quietly(curl.toArray(String[]::new)).exitCode == 0);
        String answers = run(curl.toArray(String[]::new));
        // web-a answering through host B's NodePort went A → B → A: B masqueraded it, so the reply came back via B
        assertEquals(Set.copyOf(WEB_PODS), new HashSet<>(answers.lines().map(String::strip).toList()),
                "over 20 requests the backend on each host answered");
    }

    @Test
    @Order(7)
    void withoutEndpointsTheClusterIPRefusesAndAnswersAgainWhenTheyReturn() throws Exception {
        String url = "http://" + services().get("web").spec().clusterIP() + "/";
        endpoints().update(endpoints().get("web").withSubsets(null)); // as the endpoints controller leaves it with no pods
        ContainerRuntime.ExecResult[] last = new ContainerRuntime.ExecResult[1];
        // Refused, not timed out (timeout would kill wget without a word): the REJECT answers the SYN.
        try {
            Eventually.until("the ClusterIP refuses connections from host A's pod", Duration.ofSeconds(60), () -> {
                last[0] = exec(A, "client", "timeout 30 wget -qO- " + url);
                return last[0].exitCode() != 0 && last[0].output().contains("refused");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last wget: exit " + last[0].exitCode() + ", " + last[0].output(), e);
        }

        endpoints().update(endpoints().get("web").withSubsets(webSubsets()));
        Eventually.until("the ClusterIP answers again", Duration.ofSeconds(60),
                () -> exec(A, "client", "timeout 10 wget -qO- " + url).exitCode() == 0);
    }

    @Test
    @Order(8)
    void aNodeThatLeavesTakesItsRouteWithIt() throws Exception {
        B.kubelet.close();
        client.resources(ResourceKinds.NODES).delete(B.node);
        Eventually.until("host A's route to " + B.podCidr + " is gone", Duration.ofSeconds(60), () -> {
            try {
                return !run("ip", "-n", A.netns, "-4", "route", "show", "proto", "84").contains(B.podCidr);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static ResourceClient<Service> services() {
        return client.resources(ResourceKinds.SERVICES).inNamespace("default");
    }

    private static ResourceClient<Endpoints> endpoints() {
        return client.resources(ResourceKinds.ENDPOINTS).inNamespace("default");
    }

    private static ObjectMeta meta(String name) {
        return new ObjectMeta(name, null, "default", null, null, null, null, null, null, null, null, null, null, null);
    }

    /** One ready address per web pod, port 8080 named as the Service's port. */
    private static List<EndpointSubset> webSubsets() throws Exception {
        List<EndpointAddress> addresses = new ArrayList<>();
        for (String name : WEB_PODS) {
            addresses.add(new EndpointAddress(podIP(name), null, null, null));
        }
        return List.of(new EndpointSubset(addresses, List.of(), List.of(new EndpointPort("http", 8080, "TCP", null))));
    }

    private static String podIP(String name) throws Exception {
        return pods.get(name).status().podIP();
    }

    /** {@code wget} from inside {@code pod}'s container on {@code host}; returns the body. */
    private static String wget(Host host, String pod, String url) {
        // busybox wget -T crashes on this image; timeout bounds the request instead
        ContainerRuntime.ExecResult result = exec(host, pod, "timeout 30 wget -qO- " + url);
        assertEquals(0, result.exitCode(), () -> "wget " + url + " from " + pod + ": " + result.output());
        return result.output().strip();
    }

    /** Runs {@code script} with {@code sh -c} in {@code pod}'s main container on {@code host}. */
    private static ContainerRuntime.ExecResult exec(Host host, String pod, String script) {
        Map<String, String> labels = new HashMap<>(ContainerLabels.ofNode(host.node));
        labels.put(ContainerLabels.POD_NAME, pod);
        ContainerInfo container = host.docker.list(labels).stream().filter(ContainerInfo::running)
                .filter(c -> "main".equals(ContainerLabels.containerName(c))).findFirst().orElseThrow();
        return host.docker.exec(container.id(), List.of("sh", "-c", script), Duration.ofSeconds(120));
    }

    private record Result(int exitCode, String output) {
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Result result = quietly(argv);
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + result.output);
        }
        return result.output;
    }

    private static Result quietly(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
