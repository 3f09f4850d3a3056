package io.tugboat.kubelet.network;

import static io.tugboat.kubelet.network.Nodes.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkPlannerTest {
    private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
    /** This host: loopback, eth0 192.168.56.11, docker0 172.17.0.1. */
    private static final Predicate<String> LOCAL = a -> a.startsWith("127.") || Set.of("192.168.56.11", "172.17.0.1").contains(a);

    /**
     * Routes planned on node {@code a} (192.168.56.11) for a cluster of {@code a} plus the nodes given as
     * {@code name=podCIDR@InternalIP} (either side may be {@code -} for none), written as {@code dest>via}.
     */
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = ';', value = {
            "one node alone;                        '';                                                       ''",
            "a node on another host;                b=10.244.2.0/24@192.168.56.12;                           10.244.2.0/24>192.168.56.12",
            "two remote nodes, sorted by range;     c=10.244.3.0/24@192.168.56.13 b=10.244.2.0/24@192.168.56.12; 10.244.2.0/24>192.168.56.12 10.244.3.0/24>192.168.56.13",
            "a node on this host (loopback);        b=10.244.2.0/24@127.0.0.1;                               ''",
            "a node on this host (its own address); b=10.244.2.0/24@192.168.56.11;                           ''",
            "a node without podCIDR yet;            b=-@192.168.56.12;                                        ''",
            "a node without InternalIP;             b=10.244.2.0/24@-;                                        ''",
            "an IPv6 InternalIP;                    b=10.244.2.0/24@fd00::2;                                  ''",
            "a range overlapping our own;           b=10.244.1.0/24@192.168.56.12;                           ''",
            "two nodes claiming one range;          b=10.244.2.0/24@192.168.56.12 c=10.244.2.0/24@192.168.56.13; 10.244.2.0/24>192.168.56.12",
            "remote and local nodes mixed;          b=10.244.2.0/24@127.0.0.1 c=10.244.3.0/24@192.168.56.13; 10.244.3.0/24>192.168.56.13",
    })
    void routesGoToOtherHostsOnly(String caseName, String others, String expected) {
        List<Node> nodes = new ArrayList<>(List.of(node("a", "10.244.1.0/24", "192.168.56.11")));
        for (String spec : others.isBlank() ? new String[0] : others.trim().split("\\s+")) {
            String name = spec.substring(0, spec.indexOf('='));
            String cidr = spec.substring(spec.indexOf('=') + 1, spec.indexOf('@'));
            String ip = spec.substring(spec.indexOf('@') + 1);
            nodes.add(node(name, cidr.equals("-") ? null : cidr, ip.equals("-") ? null : ip));
        }
        NetworkPlan plan = NetworkPlanner.plan("a", CLUSTER, nodes, LOCAL);
        List<String> routes = plan.routes().stream().map(r -> r.destination() + ">" + r.via()).toList();
        assertEquals(expected.isBlank() ? List.of() : Arrays.asList(expected.trim().split("\\s+")), routes);
    }

    @Test
    void ownPodCidrGivesTheBridgeAndTheNodesRules() {
        NetworkPlan plan = NetworkPlanner.plan("node-1", CLUSTER,
                List.of(node("node-1", "10.244.1.0/24", "127.0.0.1"), node("node-2", "10.244.2.0/24", "127.0.0.1")), LOCAL);

        PodBridge bridge = plan.bridge();
        assertEquals("tugboat-node-1", bridge.name());
        assertEquals("10.244.1.0/24", bridge.subnet().toString());
        assertEquals("10.244.1.1", bridge.gateway());
        assertTrue(bridge.device().startsWith("tug-") && bridge.device().length() <= 15, bridge.device());
        assertEquals("node-1", bridge.labels().get(PodBridge.NODE_LABEL));
        assertEquals(List.of(
                "-t filter DOCKER-USER -s 10.244.1.0/24 -j ACCEPT (tugboat node-1: forward from pods 10.244.1.0/24)",
                "-t filter DOCKER-USER -d 10.244.1.0/24 -j ACCEPT (tugboat node-1: forward to pods 10.244.1.0/24)",
                "-t nat POSTROUTING -s 10.244.1.0/24 ! -d 10.244.0.0/16 -j MASQUERADE (tugboat node-1: masquerade 10.244.1.0/24 leaving 10.244.0.0/16)"),
                plan.rules().stream().map(IptablesRule::toString).toList());
    }

    @Test
    void withoutPodCidrThereIsNoBridgeAndNoRuleButRoutesStillFollowTheOthers() {
        NetworkPlan plan = NetworkPlanner.plan("a", CLUSTER,
                List.of(node("a", null, "192.168.56.11"), node("b", "10.244.2.0/24", "192.168.56.12")), LOCAL);
        assertNull(plan.bridge());
        assertEquals(List.of(), plan.rules());
        assertEquals(List.of(new HostRoute(Ipv4Cidr.parse("10.244.2.0/24"), "192.168.56.12")), plan.routes());
    }

    @Test
    void aNodeNotYetRegisteredHasNoBridge() {
        assertNull(NetworkPlanner.plan("a", CLUSTER, List.of(node("b", "10.244.2.0/24", "127.0.0.1")), LOCAL).bridge());
    }

    @Test
    void twoNodesOnOneHostOwnDisjointRules() {
        List<Node> nodes = List.of(node("n-1", "10.244.1.0/24", "127.0.0.1"), node("n-10", "10.244.10.0/24", "127.0.0.1"));
        NetworkPlan one = NetworkPlanner.plan("n-1", CLUSTER, nodes, LOCAL);
        NetworkPlan ten = NetworkPlanner.plan("n-10", CLUSTER, nodes, LOCAL);
        for (IptablesRule rule : one.rules()) {
            assertTrue(rule.comment().startsWith(IptablesRule.ownerPrefix("n-1")));
            assertTrue(!rule.comment().startsWith(IptablesRule.ownerPrefix("n-10")), "n-10's prefix must not match n-1's rules");
            assertTrue(ten.rules().stream().noneMatch(r -> r.comment().equals(rule.comment())));
        }
        assertTrue(!one.bridge().device().equals(ten.bridge().device()));
    }

    @ParameterizedTest
    @CsvSource({
            "node-1",
            "a-node-name-far-longer-than-fifteen-characters.example.com",
    })
    void bridgeDeviceNamesFitLinuxLimit(String node) {
        PodBridge bridge = PodBridge.forNode(node, Ipv4Cidr.parse("10.244.7.0/24"));
        assertTrue(bridge.device().length() <= PodBridge.MAX_DEVICE_NAME, bridge.device());
        assertEquals(bridge.device(), PodBridge.forNode(node, Ipv4Cidr.parse("10.244.8.0/24")).device(), "stable per node");
    }

    @ParameterizedTest
    @CsvSource({
            "10.244.1.0/24,  10.244.1.0/24, 10.244.1.1",
            "10.244.1.77/24, 10.244.1.0/24, 10.244.1.1",
            "10.0.0.0/8,     10.0.0.0/8,    10.0.0.1",
            "192.168.5.4/30, 192.168.5.4/30, 192.168.5.5",
    })
    void cidrsParseToTheirNetwork(String text, String network, String firstHost) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(text);
        assertEquals(network, cidr.toString());
        assertEquals(firstHost, cidr.host(1));
        assertTrue(cidr.contains(firstHost));
    }

    @ParameterizedTest
    @CsvSource({"10.244.0.0", "10.244.0.0/33", "10.244.0/16", "256.0.0.0/8", "a.b.c.d/8", "fd00::/64", "''"})
    void malformedCidrsAreRejected(String text) {
        assertTrue(!Ipv4Cidr.isValid(text));
    }
}
