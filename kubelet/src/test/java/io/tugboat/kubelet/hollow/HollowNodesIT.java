package io.tugboat.kubelet.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fifty hollow kubelets against a real API server and etcd. */
class HollowNodesIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static final int COUNT = 50;

    static TestCluster cluster;
    static ApiClient client;
    static HollowNodes fleet;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        HollowNodesConfig config = HollowNodesConfig.defaults(COUNT)
                .withSpread(NodeSpread.parse("topology.kubernetes.io/zone=a|b", null))
                .withLeaseInterval(Duration.ofSeconds(1))
                .withWorkers(4);
        fleet = new HollowNodes(config, client, Clock.systemUTC());
        fleet.start();
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(30), condition);
    }

    @Test
    void everyNodeRegistersReadyWithItsLabels() throws Exception {
        assertTrue(fleet.awaitRegistered(Duration.ofSeconds(30)), "all nodes registered");
        List<Node> nodes = client.resources(ResourceKinds.NODES)
                .list(ListOptions.none().withLabelSelector(NodeTemplate.HOLLOW_LABEL + "=true")).items();
        assertEquals(COUNT, nodes.size());
        for (Node node : nodes) {
            assertEquals("True", node.status().conditions().stream().filter(c -> c.type().equals("Ready"))
                    .findFirst().orElseThrow().status(), node.metadata().name() + " is Ready");
        }
        assertEquals("b", nodes.stream().filter(n -> n.metadata().name().equals("hollow-0001")).findFirst()
                .orElseThrow().metadata().labels().get("topology.kubernetes.io/zone"));
        assertEquals(0, fleet.registrationFailures());
    }

    @Test
    void everyNodeKeepsRenewingItsLease() throws Exception {
        ResourceClient<Lease> leases = client.resources(ResourceKinds.LEASES).inNamespace("kube-node-lease");
        eventually("every node has a Lease", () -> count(leases) == COUNT);
        Instant first = leases.get("hollow-0042").spec().renewTime();
        eventually("hollow-0042 renews its Lease", () -> renewTime(leases, "hollow-0042").isAfter(first));
        Lease lease = leases.get("hollow-0042");
        assertEquals("hollow-0042", lease.spec().holderIdentity());
        assertEquals(4, lease.spec().leaseDurationSeconds());
        assertEquals("Node", lease.metadata().ownerReferences().get(0).kind());
    }

    @Test
    void aPodBoundToAHollowNodeRunsAndAGracefulDeleteRemovesIt() throws Exception {
        assertTrue(fleet.awaitRegistered(Duration.ofSeconds(30)), "all nodes registered");
        ResourceClient<Pod> pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        pods.create(Pods.toCreate("web", "100m", "64Mi"));
        pods.bind("web", "hollow-0007");

        eventually("the pod runs", () -> "Running".equals(phase(pods, "web")));
        Pod running = pods.get("web");
        assertEquals("10.128.7.1", running.status().podIP());
        assertEquals("10.64.0.8", running.status().hostIP());
        assertEquals(true, running.status().containerStatuses().get(0).ready());

        pods.delete("web");
        eventually("the deleted pod is gone", () -> phase(pods, "web") == null);
        eventually("its address is free again", () -> fleet.runtime().podCount(7) == 0);
    }

    private static int count(ResourceClient<Lease> leases) {
        try {
            return leases.list(ListOptions.none()).items().size();
        } catch (ApiException e) {
            throw new AssertionError(e);
        }
    }

    private static Instant renewTime(ResourceClient<Lease> leases, String name) {
        try {
            return leases.get(name).spec().renewTime();
        } catch (ApiException e) {
            throw new AssertionError(e);
        }
    }

    private static String phase(ResourceClient<Pod> pods, String name) {
        try {
            Pod pod = pods.get(name);
            return pod.status() == null ? "" : pod.status().phase();
        } catch (ApiException.NotFoundException gone) {
            return null;
        } catch (ApiException e) {
            throw new AssertionError(e);
        }
    }
}
