package io.tugboat.controllermanager.it;

import static io.tugboat.controllermanager.it.ItSupport.eventually;
import static io.tugboat.controllermanager.it.ItSupport.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ListOptions;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Fixtures;
import io.tugboat.controllermanager.nodeipam.NodeIpamOptions;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node IPAM on a real API server: distinct ranges, kept across a controller-manager restart, freed on delete. */
class NodeIpamIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ApiClient client;
    static final ControllerManagerOptions OPTIONS = ControllerManagerOptions.defaults()
            .withNodeIpam(new NodeIpamOptions(true, "10.244.0.0/22", 24)); // 4 node ranges

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everyNodeGetsItsOwnRangeAcrossRestartsAndADeletedNodesRangeIsReused() throws Exception {
        var nodes = client.resources(ResourceKinds.NODES);
        ControllerManager first = ItSupport.startControllers(cluster, OPTIONS, "node-ipam-controller");
        try {
            nodes.create(Fixtures.node("n1", "True", null));
            nodes.create(Fixtures.node("n2", "True", null));
            eventually("n1 and n2 have ranges", () -> cidrs().size() == 2);
        } finally {
            first.stop();
        }
        Map<String, String> before = cidrs();
        assertEquals(Set.of("10.244.0.0/24", "10.244.1.0/24"), Set.copyOf(before.values()));

        // A new controller-manager learns what is taken from the Nodes alone.
        nodes.create(Fixtures.node("n3", "True", null));
        ControllerManager second = ItSupport.startControllers(cluster, OPTIONS, "node-ipam-controller");
        try {
            eventually("n3 has a range", () -> cidrs().containsKey("n3"));
            assertEquals(before.get("n1"), cidrs().get("n1"));
            assertEquals(before.get("n2"), cidrs().get("n2"));
            assertEquals(3, Set.copyOf(cidrs().values()).size(), "no range handed out twice: " + cidrs());

            nodes.delete("n1");
            eventually("n1 is gone", () -> find(client, ResourceKinds.NODES, null, "n1").isEmpty());
            nodes.create(Fixtures.node("n4", "True", null));
            nodes.create(Fixtures.node("n5", "True", null));
            eventually("n4 and n5 have ranges", () -> cidrs().containsKey("n4") && cidrs().containsKey("n5"));
            assertEquals(4, Set.copyOf(cidrs().values()).size(), "all four ranges in use, none twice: " + cidrs());
            Node n2 = nodes.get("n2");
            assertEquals(java.util.List.of(n2.spec().podCIDR()), n2.spec().podCIDRs());
        } finally {
            second.stop();
        }
    }

    private static Map<String, String> cidrs() {
        try {
            return client.resources(ResourceKinds.NODES).list(ListOptions.none()).items().stream()
                    .filter(n -> n.spec() != null && n.spec().podCIDR() != null)
                    .collect(Collectors.toMap(n -> n.metadata().name(), n -> n.spec().podCIDR(), (a, b) -> a, TreeMap::new));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
