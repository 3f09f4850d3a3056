package io.tugboat.kubelet.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.IntOrString;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service proxy on the real kernel: real etcd and API server, real {@code iptables}, three busybox web servers
 * started on Docker's default bridge by the test (labelled, removed at the end) as a Service's endpoints, written
 * into core/v1 Endpoints by hand (the endpoints controller is not part of this test).
 *
 * <p>The proxy writes chains with a prefix of this run's own ({@code TTxxx-...}) and takes its own lock, so it never
 * touches the rules of a Tugboat cluster running on the same machine; every chain and jump of that prefix is removed
 * after the class, whatever happened in between.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceProxyIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String LABEL = "io.tugboat.test=ServiceProxyIT-" + RUN;
    static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Chains of this run only ({@code TT} + 3 random characters: short enough for iptables' 28-character chain
     * names), so two runs on one machine — two worktrees, say — never write each other's rules.
     */
    static final ProxyRules.Options RULES = ProxyRules.Options.defaults()
            .withPrefix("TT" + UUID.randomUUID().toString().replace("-", "").substring(0, 3).toUpperCase());

    static TestCluster cluster;
    static ApiClient client;
    static ResourceClient<Service> services;
    static ResourceClient<Endpoints> endpoints;
    static ServiceProxy.Config config;
    static ServiceProxy proxy;
    static final Map<String, String> backends = new java.util.LinkedHashMap<>(); // name → IP
    static String clientContainer;
    /** How many times the class's first proxy wrote rules. */
    static final java.util.concurrent.atomic.AtomicLong restores = new java.util.concurrent.atomic.AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        services = client.resources(ResourceKinds.SERVICES).inNamespace("default");
        endpoints = client.resources(ResourceKinds.ENDPOINTS).inNamespace("default");
        for (String name : List.of("web-a", "web-b", "web-c")) {
            String id = docker("run", "-d", "--label", LABEL, "--name", "proxyit-" + RUN + "-" + name, "tugboat/busybox:1",
                    "sh", "-c", "mkdir -p /www && echo " + name + " > /www/index.html && exec httpd -f -p 8080 -h /www").strip();
            backends.put(name, docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", id).strip());
        }
        clientContainer = docker("run", "-d", "--label", LABEL, "--name", "proxyit-" + RUN + "-client", "tugboat/busybox:1",
                "sleep", "3600").strip();
        Path lockDir = Files.createTempDirectory("proxy-it");
        config = new ServiceProxy.Config(RULES, lockDir, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5));
        proxy = new ServiceProxy(client, config, new Iptables() {
            @Override
            public void restore(String rules) throws IOException, InterruptedException {
                super.restore(rules);
                restores.incrementAndGet();
            }
        }).start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            try {
                removeRules();
            } finally {
                String ids = docker("ps", "-aq", "--filter", "label=" + LABEL).strip();
                if (!ids.isEmpty()) {
                    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                    rm.addAll(List.of(ids.split("\\s+")));
                    docker(rm.toArray(String[]::new));
                }
                if (cluster != null) {
                    cluster.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void clusterIpAnswersFromTheHostAndAnotherContainerAndEveryBackendAnswers() throws Exception {
        Service web = createService("web", "ClusterIP", "None", List.copyOf(backends.values()));
        String vip = web.spec().clusterIP();
        Eventually.until("the ClusterIP answers from the host", WAIT, () -> get(vip, 80) != null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            seen.add(get(vip, 80));
        }
        assertEquals(backends.keySet(), seen, "over 60 requests every backend answered");

        // (no -T: the busybox image's wget crashes with it)
        String fromContainer = docker("exec", clientContainer, "timeout", "30", "wget", "-q", "-O-", "http://" + vip + "/").strip();
        assertTrue(backends.containsKey(fromContainer), "a container reached the ClusterIP: " + fromContainer);
        assertTrue(proxy.isWriter());
        assertNotNull(proxy.lastApplied());
        String nat = iptables("-t", "nat", "-S", RULES.chain("SERVICES"));
        assertTrue(nat.contains("default/web:http cluster IP"), nat);
    }

    @Test
    @Order(2)
    void withoutEndpointsTheServiceRefusesAtOnceAndAnswersAgainWhenTheyReturn() throws Exception {
        Service web = services.get("web");
        String vip = web.spec().clusterIP();
        Endpoints full = endpoints.get("web");
        endpoints.update(full.withSubsets(null)); // as the endpoints controller leaves it with no pods: no subsets at all
        Exception[] failure = new Exception[1];
        Eventually.until("the ClusterIP refuses connections", WAIT, () -> {
            failure[0] = connectFailure(vip, 80);
            return failure[0] != null;
        });
        // Refused, not timed out: the REJECT rule answers the SYN instead of letting it vanish.
        assertInstanceOf(java.net.ConnectException.class, failure[0], String.valueOf(failure[0]));
        assertTrue(failure[0].getMessage().contains("refused"), failure[0].getMessage());
        String fromContainer = dockerResult("exec", clientContainer, "timeout", "30", "wget", "-q", "-O-",
                "http://" + vip + "/");
        assertTrue(fromContainer.contains("refused"), "a container is refused too: " + fromContainer);

        endpoints.update(endpoints.get("web").withSubsets(subsets(List.of(backends.get("web-b")))));
        Eventually.until("the ClusterIP answers again", WAIT, () -> "web-b".equals(get(vip, 80)));
    }

    @Test
    @Order(3)
    void aNodePortAnswersOnTheHostsAddressAndOnLocalhost() throws Exception {
        Service np = createService("web-np", "NodePort", "None", List.copyOf(backends.values()));
        int nodePort = np.spec().ports().get(0).nodePort();
        String hostAddress = hostAddress();
        Eventually.until("NodePort " + nodePort + " answers on " + hostAddress, WAIT, () -> get(hostAddress, nodePort) != null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            seen.add(get(hostAddress, nodePort));
        }
        assertEquals(backends.keySet(), seen);
        assertTrue(backends.containsKey(get("127.0.0.1", nodePort)), "the NodePort answers on 127.0.0.1 (route_localnet)");
    }

    @Test
    @Order(4)
    void clientIpAffinityPinsEveryRequestToOneBackend() throws Exception {
        Service sticky = createService("sticky", "ClusterIP", "ClientIP", List.copyOf(backends.values()));
        String vip = sticky.spec().clusterIP();
        Eventually.until("the sticky ClusterIP answers", WAIT, () -> get(vip, 80) != null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            seen.add(get(vip, 80));
        }
        assertEquals(1, seen.size(), "one backend for one client: " + seen);
    }

    @Test
    @Order(5)
    void aUdpPortIsForwardedToo() throws Exception {
        // busybox has no UDP server: the endpoint is a socket of this JVM on the host's address, which the DNAT
        // reaches just as it reaches a pod (an endpoint is only an address).
        String host = hostAddress();
        try (java.net.DatagramSocket server = new java.net.DatagramSocket(new InetSocketAddress(host, 0))) {
            Thread echo = new Thread(() -> {
                byte[] buffer = new byte[512];
                while (!server.isClosed()) {
                    try {
                        java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
                        server.receive(packet);
                        byte[] reply = ("pong:" + new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8);
                        server.send(new java.net.DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "udp-echo");
            echo.setDaemon(true);
            echo.start();
            ServicePort port = new ServicePort("dns", "UDP", null, 53, IntOrString.of(server.getLocalPort()), null);
            Service dns = services.create(Service.of(ProxyFixtures.meta("default", "dns"), new ServiceSpec(List.of(port),
                    null, null, null, "ClusterIP", null, "None", null, null, null, null, null, null, null), null));
            endpoints.create(Endpoints.of(ProxyFixtures.meta("default", "dns"), List.of(new EndpointSubset(
                    List.of(new EndpointAddress(host, null, null, null)), List.of(),
                    List.of(new EndpointPort("dns", server.getLocalPort(), "UDP", null))))));
            String vip = dns.spec().clusterIP();
            String[] answer = new String[1];
            Eventually.until("a datagram to " + vip + ":53/udp is answered", WAIT, () -> {
                answer[0] = udpExchange(vip, 53, "ping");
                return answer[0] != null;
            });
            assertEquals("pong:ping", answer[0]);
        }
    }

    static String udpExchange(String host, int port, String text) {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            socket.setSoTimeout(1_000);
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            socket.send(new java.net.DatagramPacket(data, data.length, new InetSocketAddress(host, port)));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    @Order(6)
    void rulesAreRewrittenOnlyWhenTheTextChanges() throws Exception {
        long restoresBefore = restores.get();
        long generated = proxy.generations();
        Service web = services.get("web");
        services.update(web.withMetadata(web.metadata().withAnnotations(Map.of("note", "changes no rule"))));
        Eventually.until("the proxy regenerated its rules after the Service update", WAIT, () -> proxy.generations() > generated);
        assertEquals(restoresBefore, restores.get(), "an update that changes no rule writes nothing");

        endpoints.update(endpoints.get("web").withSubsets(subsets(List.of(backends.get("web-b"), backends.get("web-c")))));
        Eventually.until("a new endpoint is written", WAIT, () -> restores.get() > restoresBefore);
        endpoints.update(endpoints.get("web").withSubsets(subsets(List.of(backends.get("web-b")))));
        Eventually.until("the endpoint's removal is written", WAIT, () -> restores.get() > restoresBefore + 1);
    }

    @Test
    @Order(7)
    void jumpsPushedDownByANewDockerNetworkAreMovedBackToTheTop() throws Exception {
        String network = "proxyit-" + RUN;
        docker("network", "create", "--label", LABEL, network);
        try {
            // Docker puts the new bridge's rules at the top of FORWARD (and its ACCEPT of traffic leaving the bridge
            // would let connections to a Service without endpoints past our REJECT).
            Eventually.until("our jumps are the first rules of FORWARD again", WAIT, () -> {
                try {
                    List<String> rules = iptables("-S", "FORWARD").lines().filter(l -> l.startsWith("-A ")).toList();
                    return rules.size() >= 3 && rules.get(0).endsWith("-j " + RULES.chain("FORWARD"))
                            && rules.get(1).endsWith("-j " + RULES.chain("SERVICES"))
                            && rules.get(2).endsWith("-j " + RULES.chain("EXTERNAL-SERVICES"));
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            docker("network", "rm", network);
        }
    }

    @Test
    @Order(8)
    void aStandbyTakesOverAndTheLastProxyRemovesEveryRule() throws Exception {
        String vip = services.get("web").spec().clusterIP();
        ServiceProxy standby = new ServiceProxy(client, config).start();
        try {
            Eventually.until("the standby has synced its caches", WAIT, () -> true);
            assertFalse(standby.isWriter(), "two proxies in one network namespace: only one writes");
            proxy.close();
            proxy = null;
            String[] last = new String[1];
            try {
                Eventually.until("the standby takes over and the service answers again", WAIT,
                        () -> standby.isWriter() && standby.lastApplied() != null && "web-b".equals(last[0] = get(vip, 80)));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; writer " + standby.isWriter() + ", last answer " + last[0]
                        + ", rules:\n" + iptables("-t", "nat", "-S"), e);
            }
        } finally {
            standby.close();
        }
        String nat = iptables("-t", "nat", "-S");
        String filter = iptables("-t", "filter", "-S");
        assertFalse(nat.contains(RULES.prefix() + "-"), "no nat chain or jump left:\n" + nat);
        assertFalse(filter.contains(RULES.prefix() + "-"), "no filter chain or jump left:\n" + filter);
    }

    // ------------------------------------------------------------------ helpers

    static Service createService(String name, String type, String affinity, List<String> ips) throws Exception {
        ServicePort port = new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null);
        // No selector: the Service's Endpoints are written by hand, as Kubernetes allows for selector-less Services.
        Service service = services.create(Service.of(ProxyFixtures.meta("default", name), new ServiceSpec(List.of(port),
                null, null, null, type, null, affinity, null, null, null, null, null, null, null), null));
        endpoints.create(Endpoints.of(ProxyFixtures.meta("default", name), subsets(ips)));
        return service;
    }

    static List<EndpointSubset> subsets(List<String> ips) {
        return List.of(new EndpointSubset(ips.stream().map(ip -> new EndpointAddress(ip, null, null, null)).toList(),
                List.of(), List.of(new EndpointPort("http", 8080, "TCP", null))));
    }

    /** One HTTP/1.0 request on a new connection (so each one walks the rules): the body, or null on any failure. */
    static String get(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return response.startsWith("HTTP/1.") && response.contains(" 200 ") && body > 0
                    ? response.substring(body + 4).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Why connecting failed, or null if it succeeded. */
    static Exception connectFailure(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** The source address of this host's default route: the node address other machines reach it on. */
    static String hostAddress() throws Exception {
        String route = run(List.of("ip", "-4", "route", "get", "1.1.1.1"));
        String[] words = route.split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("src")) {
                return words[i + 1];
            }
        }
        throw new AssertionError("no source address in: " + route);
    }

    static void removeRules() throws Exception {
        new IptablesApplier(new Iptables(), RULES).cleanup();
    }

    static String iptables(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5"));
        command.addAll(List.of(args));
        return run(command);
    }

    static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command);
    }

    /** A docker command's output whatever its exit code (for commands expected to fail). */
    static String dockerResult(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return exec(command).output();
    }

    static String run(List<String> command) throws Exception {
        Iptables.Result result = exec(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output();
    }

    static Iptables.Result exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Iptables.Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
