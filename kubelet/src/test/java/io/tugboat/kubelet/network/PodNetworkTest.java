package io.tugboat.kubelet.network;

import static io.tugboat.kubelet.network.Nodes.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubelet.runtime.ContainerRuntimeException;
import io.tugboat.kubelet.runtime.NetworkRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodNetworkTest {
    private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
    private final Nodes.ListLister nodes = new Nodes.ListLister();
    private final FakeNetworks docker = new FakeNetworks();
    private final FakeHost host = new FakeHost();
    private final PodNetwork network = new PodNetwork("a", CLUSTER, nodes, docker, host, Duration.ofSeconds(30));

    @Test
    void staysNotReadyUntilTheNodeHasAPodCidr() throws Exception {
        nodes.nodes.add(node("a", null, "192.168.56.11"));
        network.reconcile(PodNetwork.KEY);
        assertEquals(Optional.empty(), network.sandboxNetworkMode());
        assertEquals(Optional.empty(), network.gatewayAddress());
        assertTrue(docker.networks.isEmpty());
        assertTrue(host.rules.isEmpty());

        List<PodBridge> seen = new ArrayList<>();
        network.whenReady(seen::add);
        nodes.nodes.set(0, node("a", "10.244.1.0/24", "192.168.56.11"));
        network.reconcile(PodNetwork.KEY);

        assertEquals(Optional.of("tugboat-a"), network.sandboxNetworkMode());
        assertEquals(Optional.of("10.244.1.1"), network.gatewayAddress());
        assertEquals(1, seen.size());
        NetworkRuntime.NetworkInfo created = docker.networks.get("tugboat-a");
        assertEquals("10.244.1.0/24", created.subnet());
        assertEquals("10.244.1.1", created.gateway());
        assertEquals("false", created.options().get(PodNetwork.MASQUERADE_OPTION));
        assertEquals(seen.get(0).device(), created.options().get(PodNetwork.BRIDGE_NAME_OPTION));
        assertEquals("a", created.labels().get(PodBridge.NODE_LABEL));
        assertEquals(3, host.rules.size());
    }

    @Test
    void aSecondPassChangesNothing() throws Exception {
        nodes.nodes.addAll(List.of(node("a", "10.244.1.0/24", "192.168.56.11"), node("b", "10.244.2.0/24", "192.168.56.12")));
        network.reconcile(PodNetwork.KEY);
        int calls = host.changes + docker.changes;
        network.reconcile(PodNetwork.KEY);
        assertEquals(calls, host.changes + docker.changes, "nothing to add or delete the second time");
        assertEquals(List.of(new HostRoute(Ipv4Cidr.parse("10.244.2.0/24"), "192.168.56.12")), host.routes);
    }

    @Test
    void followsTheNodeList() throws Exception {
        nodes.nodes.addAll(List.of(node("a", "10.244.1.0/24", "192.168.56.11"), node("b", "10.244.2.0/24", "192.168.56.12")));
        network.reconcile(PodNetwork.KEY);
        nodes.nodes.set(1, node("b", "10.244.2.0/24", "192.168.56.22")); // b moved to another address
        nodes.nodes.add(node("c", "10.244.3.0/24", "192.168.56.13"));
        network.reconcile(PodNetwork.KEY);
        assertEquals(List.of(new HostRoute(Ipv4Cidr.parse("10.244.2.0/24"), "192.168.56.22"),
                new HostRoute(Ipv4Cidr.parse("10.244.3.0/24"), "192.168.56.13")), host.sortedRoutes());

        nodes.nodes.remove(1); // b deleted
        network.reconcile(PodNetwork.KEY);
        assertEquals(List.of(new HostRoute(Ipv4Cidr.parse("10.244.3.0/24"), "192.168.56.13")), host.sortedRoutes());
    }

    @Test
    void leavesOtherNodesRulesAloneAndDeletesItsOwnStaleOnes() throws Exception {
        host.rules.add(new HostNetwork.InstalledRule("filter", "DOCKER-USER", "tugboat b: forward from pods 10.244.2.0/24",
                List.of("-s", "10.244.2.0/24", "-j", "ACCEPT")));
        host.rules.add(new HostNetwork.InstalledRule("filter", "DOCKER-USER", "tugboat a: forward from pods 10.244.9.0/24",
                List.of("-s", "10.244.9.0/24", "-j", "ACCEPT")));
        nodes.nodes.add(node("a", "10.244.1.0/24", "127.0.0.1"));
        network.reconcile(PodNetwork.KEY);
        List<String> comments = host.rules.stream().map(HostNetwork.InstalledRule::comment).sorted().toList();
        assertEquals(List.of("tugboat a: forward from pods 10.244.1.0/24", "tugboat a: forward to pods 10.244.1.0/24",
                "tugboat a: masquerade 10.244.1.0/24 leaving 10.244.0.0/16", "tugboat b: forward from pods 10.244.2.0/24"),
                comments);
    }

    @Test
    void replacesANetworkOfTheSameNameWithAnotherSubnet() throws Exception {
        docker.networks.put("tugboat-a", new NetworkRuntime.NetworkInfo("old", "tugboat-a", "bridge", "10.244.9.0/24",
                "10.244.9.1", Map.of(), Map.of(), 0));
        nodes.nodes.add(node("a", "10.244.1.0/24", "127.0.0.1"));
        network.reconcile(PodNetwork.KEY);
        assertEquals("10.244.1.0/24", docker.networks.get("tugboat-a").subnet());
    }

    @Test
    void aNetworkThatCannotBeCreatedKeepsPodsWaitingAndIsRetried() throws Exception {
        docker.refuse = "Pool overlaps with other one on this address space";
        nodes.nodes.add(node("a", "10.244.1.0/24", "127.0.0.1"));
        ContainerRuntimeException e = assertThrows(ContainerRuntimeException.class, () -> network.reconcile(PodNetwork.KEY));
        assertTrue(e.getMessage().contains("overlaps"));
        assertEquals(Optional.empty(), network.sandboxNetworkMode());
        assertEquals(3, host.rules.size(), "rules and routes are still kept in step");

        docker.refuse = null;
        network.reconcile(PodNetwork.KEY);
        assertEquals(Optional.of("tugboat-a"), network.sandboxNetworkMode());
    }

    @Test
    void nodeUpdatesWakeTheNetworkOnlyWhenARangeOrAnAddressChanges() {
        List<String> keys = new ArrayList<>();
        var handler = PodNetwork.eventHandler(keys::add);
        io.tugboat.api.core.Node b = node("b", "10.244.2.0/24", "192.168.56.12");
        handler.onUpdate(b, b.withStatus(b.status().withConditions(List.of()))); // a heartbeat
        assertEquals(List.of(), keys);
        handler.onUpdate(b, node("b", "10.244.3.0/24", "192.168.56.12"));
        handler.onUpdate(b, node("b", "10.244.2.0/24", "192.168.56.22"));
        handler.onAdd(b);
        assertEquals(List.of(PodNetwork.KEY, PodNetwork.KEY, PodNetwork.KEY), keys);
    }

    /** Networks in memory. */
    static final class FakeNetworks implements NetworkRuntime {
        final Map<String, NetworkInfo> networks = new HashMap<>();
        String refuse;
        int changes;

        @Override
        public Optional<NetworkInfo> inspectNetwork(String name) {
            return networks.values().stream().filter(n -> n.name().equals(name) || n.id().equals(name)).findFirst();
        }

        @Override
        public List<NetworkInfo> listNetworks(Map<String, String> labels) {
            return networks.values().stream().filter(n -> n.labels().entrySet().containsAll(labels.entrySet())).toList();
        }

        @Override
        public String createNetwork(NetworkConfig c) {
            if (refuse != null) {
                throw new ContainerRuntimeException(refuse);
            }
            if (networks.containsKey(c.name())) {
                throw new ContainerRuntimeException("network with name " + c.name() + " already exists");
            }
            changes++;
            networks.put(c.name(), new NetworkInfo("id-" + c.name(), c.name(), "bridge", c.subnet(), c.gateway(), c.options(),
                    c.labels(), 0));
            return "id-" + c.name();
        }

        @Override
        public void removeNetwork(String name) {
            changes++;
            inspectNetwork(name).ifPresent(n -> networks.remove(n.name()));
        }
    }

    /** Routes and rules in memory. */
    static final class FakeHost implements HostNetwork {
        final List<HostRoute> routes = new ArrayList<>();
        final List<InstalledRule> rules = new ArrayList<>();
        final java.util.Set<String> addresses = java.util.Set.of("192.168.56.11", "172.17.0.1");
        int changes;

        @Override
        public java.util.Set<String> addresses() {
            return addresses;
        }

        List<HostRoute> sortedRoutes() {
            return routes.stream().sorted(java.util.Comparator.comparing(HostRoute::toString)).toList();
        }

        @Override
        public List<HostRoute> routes(Ipv4Cidr within) {
            return routes.stream().filter(r -> within.contains(r.destination())).toList();
        }

        @Override
        public void replaceRoute(HostRoute route) {
            changes++;
            routes.removeIf(r -> r.destination().equals(route.destination()));
            routes.add(route);
        }

        @Override
        public void deleteRoute(HostRoute route) {
            changes++;
            routes.remove(route);
        }

        @Override
        public List<InstalledRule> rules(String table, String chain, String commentPrefix) {
            return rules.stream().filter(r -> r.table().equals(table) && r.chain().equals(chain)
                    && r.comment().startsWith(commentPrefix)).toList();
        }

        @Override
        public void insertRule(IptablesRule rule) {
            changes++;
            rules.add(0, new InstalledRule(rule.table(), rule.chain(), rule.comment(), rule.spec()));
        }

        @Override
        public void deleteRule(InstalledRule rule) {
            changes++;
            rules.remove(rule);
        }
    }
}
