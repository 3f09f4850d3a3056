package io.tugboat.kubelet.network;

import static io.tugboat.kubelet.network.Nodes.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code ip} and {@code iptables} against a network namespace of the test's own (so the host's routes and
 * rules are never touched): a veth link stands for the node's LAN, an empty {@code DOCKER-USER} chain for Docker's.
 * Two {@link PodNetwork}s share the namespace, as two kubelets of {@code tug up --nodes=2} share a host.
 */
class LinuxHostNetworkIT {
    private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
    private static String netns;

    @BeforeAll
    static void namespace() throws Exception {
        netns = "tugboat-podnet-it-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        sh("ip", "netns", "add", netns);
        in("ip", "link", "add", "lan0", "type", "veth", "peer", "name", "lan1");
        in("ip", "addr", "add", "192.168.77.1/24", "dev", "lan0");
        in("ip", "link", "set", "lan0", "up");
        in("ip", "link", "set", "lan1", "up");
        in("iptables", "-w", "5", "-N", "DOCKER-USER");
        in("iptables", "-w", "5", "-A", "DOCKER-USER", "-j", "RETURN");
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (netns != null) {
            sh("ip", "netns", "del", netns);
        }
    }

    @Test
    void twoKubeletsOnOneHostKeepTheirRulesAndAgreeOnRoutes() throws Exception {
        Nodes.ListLister nodes = new Nodes.ListLister();
        // a and b on this host (192.168.77.1), c and d elsewhere on the LAN
        nodes.nodes.addAll(List.of(node("a", "10.244.1.0/24", "192.168.77.1"), node("b", "10.244.2.0/24", "192.168.77.1"),
                node("c", "10.244.3.0/24", "192.168.77.3"), node("d", "10.244.4.0/24", "192.168.77.4")));
        HostNetwork host = new LinuxHostNetwork(List.of("ip", "netns", "exec", netns));
        assertTrue(host.addresses().contains("192.168.77.1"), "the namespace's own address: " + host.addresses());
        PodNetwork a = new PodNetwork("a", CLUSTER, nodes, new PodNetworkTest.FakeNetworks(), host, Duration.ofSeconds(30));
        PodNetwork b = new PodNetwork("b", CLUSTER, nodes, new PodNetworkTest.FakeNetworks(), host, Duration.ofSeconds(30));

        for (int pass = 0; pass < 2; pass++) { // the second pass of each must change nothing
            a.reconcile(PodNetwork.KEY);
            b.reconcile(PodNetwork.KEY);
        }

        assertEquals(List.of(
                "-A DOCKER-USER -d 10.244.2.0/24 -m comment --comment \"tugboat b: forward to pods 10.244.2.0/24\" -j ACCEPT",
                "-A DOCKER-USER -s 10.244.2.0/24 -m comment --comment \"tugboat b: forward from pods 10.244.2.0/24\" -j ACCEPT",
                "-A DOCKER-USER -d 10.244.1.0/24 -m comment --comment \"tugboat a: forward to pods 10.244.1.0/24\" -j ACCEPT",
                "-A DOCKER-USER -s 10.244.1.0/24 -m comment --comment \"tugboat a: forward from pods 10.244.1.0/24\" -j ACCEPT",
                "-A DOCKER-USER -j RETURN"), rules("filter", "DOCKER-USER"));
        assertEquals(List.of(
                "-A POSTROUTING -s 10.244.2.0/24 ! -d 10.244.0.0/16 -m comment --comment \"tugboat b: masquerade 10.244.2.0/24 leaving 10.244.0.0/16\" -j MASQUERADE",
                "-A POSTROUTING -s 10.244.1.0/24 ! -d 10.244.0.0/16 -m comment --comment \"tugboat a: masquerade 10.244.1.0/24 leaving 10.244.0.0/16\" -j MASQUERADE"),
                rules("nat", "POSTROUTING"));
        assertEquals(List.of("10.244.3.0/24 via 192.168.77.3 dev lan0", "10.244.4.0/24 via 192.168.77.4 dev lan0"), routes());

        // d leaves, c moves: both kubelets follow; b's range changes: only b's rules change.
        nodes.nodes.remove(3);
        nodes.nodes.set(2, node("c", "10.244.3.0/24", "192.168.77.33"));
        nodes.nodes.set(1, node("b", "10.244.12.0/24", "192.168.77.1"));
        a.reconcile(PodNetwork.KEY);
        b.reconcile(PodNetwork.KEY);
        assertEquals(List.of("10.244.3.0/24 via 192.168.77.33 dev lan0"), routes());
        List<String> filter = rules("filter", "DOCKER-USER");
        assertTrue(filter.stream().noneMatch(r -> r.contains("10.244.2.0/24")), filter.toString());
        assertTrue(filter.stream().anyMatch(r -> r.contains("tugboat b: forward to pods 10.244.12.0/24")), filter.toString());
        assertEquals(2, filter.stream().filter(r -> r.contains("tugboat a:")).count(), filter.toString());
        assertEquals(5, filter.size(), filter.toString());
    }

    private static List<String> rules(String table, String chain) throws Exception {
        return in("iptables", "-w", "5", "-t", table, "-S", chain).lines().filter(l -> l.startsWith("-A")).toList();
    }

    private static List<String> routes() throws Exception {
        return in("ip", "-4", "route", "show", "root", "10.244.0.0/16", "proto", "84").lines().map(String::strip).sorted().toList();
    }

    private static String in(String... argv) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        command.addAll(List.of(argv));
        return sh(command.toArray(String[]::new));
    }

    private static String sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
