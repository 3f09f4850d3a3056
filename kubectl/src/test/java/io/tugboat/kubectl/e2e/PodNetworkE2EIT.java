package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.client.ApiClient;
import io.tugboat.kubectl.CommandRunner;
import io.tugboat.kubelet.network.Ipv4Cidr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pod network end to end on {@code tug up --nodes=2}: each node's kubelet gives its pods addresses from the
 * node's {@code spec.podCIDR} on a Docker bridge of its own, pods on the two bridges reach each other by pod IP with
 * their source address kept, traffic leaving the cluster range is masqueraded, and a {@code hostNetwork} pod has
 * the node's address.
 *
 * <p>The servers are busybox {@code httpd} with a CGI script that answers the caller's address ({@code REMOTE_ADDR}),
 * so each check sees what the receiving side saw. (busybox {@code wget -T} crashes on this image; a shell
 * {@code timeout} bounds the requests instead.)
 */
class PodNetworkE2EIT {
    private static final String WHOAMI_SERVER = "mkdir -p /www/cgi-bin && printf '#!/bin/sh\\\\necho Content-Type: text/plain"
            + "\\\\necho\\\\necho $REMOTE_ADDR\\\\n' > /www/cgi-bin/ip && chmod +x /www/cgi-bin/ip && exec httpd -f -p 8080 -h /www";
    private static final String OUTSIDE = "tugboat-podnet-e2e-outside";

    static UpCluster cluster;
    static CommandRunner run;
    static ApiClient client;

    @BeforeAll
    static void up() throws Exception {
        cluster = UpCluster.start("podnet", 2);
        run = cluster.runner();
        client = ApiClient.builder(cluster.apiServerUrl()).build();
        ok(run.kubectlWithInput(pod("server", cluster.nodeName(2), false, WHOAMI_SERVER)
                + "---\n" + pod("client", cluster.nodeName(1), false, "exec sleep 3600")
                + "---\n" + pod("host", cluster.nodeName(1), true, "exec sleep 3600"), "apply", "-f", "-"));
        ok(run.kubectl("wait", "--for=condition=Ready", "pod/server", "pod/client", "pod/host", "--timeout=180s"));
    }

    @AfterAll
    static void down() throws Exception {
        docker(false, "rm", "-f", OUTSIDE);
        if (cluster != null) {
            cluster.close();
            for (int i = 1; i <= 2; i++) {
                assertEquals("", docker(true, "network", "ls", "-q", "--filter", "label=io.tugboat.node=" + cluster.nodeName(i)).strip(),
                        "pod network of " + cluster.nodeName(i) + " left after tug down");
                String owner = "tugboat " + cluster.nodeName(i) + ":";
                assertTrue(!iptables("filter", "DOCKER-USER").contains(owner) && !iptables("nat", "POSTROUTING").contains(owner),
                        "iptables rules of " + cluster.nodeName(i) + " left after tug down");
            }
        }
    }

    @Test
    void podsGetAddressesFromTheirNodesRangesOnTheNodesBridge() throws Exception {
        Ipv4Cidr cluster1 = Ipv4Cidr.parse(cluster.clusterCidr());
        Ipv4Cidr range1 = podCidr(cluster.nodeName(1));
        Ipv4Cidr range2 = podCidr(cluster.nodeName(2));
        assertNotEquals(range1, range2);
        assertTrue(cluster1.contains(range1) && cluster1.contains(range2), range1 + " " + range2 + " in " + cluster1);

        String client = podIP("client");
        String server = podIP("server");
        assertTrue(range1.contains(client), "client on node 1 has " + client + ", not in " + range1);
        assertTrue(range2.contains(server), "server on node 2 has " + server + ", not in " + range2);

        // the node's Docker network: subnet = podCIDR, gateway = its first address, the bridge device named by the kubelet
        String inspect = docker(true, "network", "inspect", "tugboat-" + cluster.nodeName(1), "--format",
                "{{(index .IPAM.Config 0).Subnet}} {{(index .IPAM.Config 0).Gateway}} {{index .Options \"com.docker.network.bridge.name\"}}");
        String[] fields = inspect.strip().split(" ");
        assertEquals(range1.toString(), fields[0], inspect);
        assertEquals(range1.host(1), fields[1], inspect);
        assertTrue(fields[2].startsWith("tug-") && fields[2].length() <= 15, inspect);
        // the pod sees that address on its own interface
        assertTrue(ok(run.kubectl("exec", "client", "--", "ip", "-4", "addr", "show", "eth0")).out().contains("inet " + client + "/"));
    }

    @Test
    void aPodOnOneNodeReachesAPodOnTheOtherByPodIPKeepingItsSourceAddress() throws Exception {
        String seen = ok(run.kubectl("exec", "client", "--", "timeout", "30", "wget", "-qO-",
                "http://" + podIP("server") + ":8080/cgi-bin/ip")).out().strip();
        assertEquals("[::ffff:" + podIP("client") + "]", seen, "the server sees the client pod's own address");
    }

    @Test
    void trafficLeavingTheClusterRangeIsMasqueraded() throws Exception {
        // A server outside the cluster range: a plain container on Docker's default bridge (172.17.0.0/16 here).
        docker(false, "rm", "-f", OUTSIDE);
        docker(true, "run", "-d", "--name", OUTSIDE, "--label", "io.tugboat.test=podnet", "tugboat/busybox:1", "sh", "-c",
                WHOAMI_SERVER.replace("\\\\", "\\"));
        String address = docker(true, "inspect", "-f", "{{.NetworkSettings.IPAddress}}", OUTSIDE).strip();
        String gateway = docker(true, "network", "inspect", "bridge", "-f", "{{(index .IPAM.Config 0).Gateway}}").strip();
        assertTrue(!Ipv4Cidr.parse(cluster.clusterCidr()).contains(address), address);

        String seen = until("the outside server answers the client pod", () -> run.kubectl("exec", "client", "--",
                "timeout", "30", "wget", "-qO-", "http://" + address + ":8080/cgi-bin/ip"));
        assertEquals("[::ffff:" + gateway + "]", seen, "the outside sees the host's address on its network, not the pod's ("
                + podIP("client") + ")");
    }

    @Test
    void portForwardReachesThePodOnItsNodesBridge() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process forward = new ProcessBuilder("kubectl", "--kubeconfig", cluster.kubeconfig().toString(), "port-forward",
                "pod/server", port + ":8080").redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(forward.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine(); // "Forwarding from 127.0.0.1:PORT -> 8080" once it listens
            assertTrue(first != null && first.startsWith("Forwarding from"), String.valueOf(first));
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/cgi-bin/ip")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            // the kubelet dialled the pod's IP from the host: the pod saw the host's address on node 2's bridge
            assertEquals("[::ffff:" + podCidr(cluster.nodeName(2)).host(1) + "]", response.body().strip());
        } finally {
            forward.destroy();
            forward.waitFor();
        }
    }

    @Test
    void aHostNetworkPodHasTheNodesAddress() throws Exception {
        Node node = client.resources(ResourceKinds.NODES).get(cluster.nodeName(1));
        String internalIP = node.status().addresses().stream().filter(a -> "InternalIP".equals(a.type())).findFirst()
                .orElseThrow().address();
        assertEquals(internalIP, podIP("host"));
        assertEquals(internalIP, ok(run.kubectl("get", "pod", "host", "-o", "jsonpath={.status.hostIP}")).out().strip());
        // and it really is in the host's network namespace: it sees the node's pod bridge among the interfaces
        String links = ok(run.kubectl("exec", "host", "--", "ip", "link")).out();
        String device = docker(true, "network", "inspect", "tugboat-" + cluster.nodeName(1), "--format",
                "{{index .Options \"com.docker.network.bridge.name\"}}").strip();
        assertTrue(links.contains(device), links);
    }

    private static String pod(String name, String node, boolean hostNetwork, String command) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  nodeName: %s
                  hostNetwork: %s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: tugboat/busybox:1
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "%s"]
                """.formatted(name, node, hostNetwork, command);
    }

    private static Ipv4Cidr podCidr(String node) throws Exception {
        return Ipv4Cidr.parse(client.resources(ResourceKinds.NODES).get(node).spec().podCIDR());
    }

    private static String podIP(String pod) {
        return ok(run.kubectl("get", "pod", pod, "-o", "jsonpath={.status.podIP}")).out().strip();
    }

    /** Runs {@code attempt} until it succeeds (a new container's server may not listen yet); returns its output. */
    private static String until(String what, java.util.function.Supplier<CommandRunner.Result> attempt) throws InterruptedException {
        CommandRunner.Result[] last = new CommandRunner.Result[1];
        try {
            io.tugboat.testsupport.Eventually.until(what, java.time.Duration.ofSeconds(60), () -> {
                last[0] = attempt.get();
                return last[0].code() == 0;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last attempt: " + last[0], e);
        }
        return last[0].out().strip();
    }

    private static CommandRunner.Result ok(CommandRunner.Result result) {
        assertEquals(0, result.code(), () -> result + "\n" + cluster.logTails());
        return result;
    }

    private static String iptables(String table, String chain) throws IOException, InterruptedException {
        return command(true, "iptables", "-w", "5", "-t", table, "-S", chain);
    }

    private static String docker(boolean check, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        return command(check, argv.toArray(String[]::new));
    }

    private static String command(boolean check, String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (check) {
            assertEquals(0, code, String.join(" ", argv) + ": " + out);
        }
        return out;
    }
}
