package io.tugboat.controllermanager.it;

import static io.tugboat.controllermanager.it.ItSupport.eventually;
import static io.tugboat.controllermanager.it.ItSupport.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Fixtures;
import io.tugboat.controllermanager.nodelifecycle.NodeHealth;
import io.tugboat.controllermanager.nodelifecycle.NodeTaints;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node outage end to end, with the kubelets played by this test (they renew their Leases every 500 ms):
 * one node's Lease stops being renewed → Unknown and the unreachable taints → its pod, tolerating the taint
 * for 2 s, is evicted and then force-deleted after its 1 s grace period; the pod on the healthy node stays →
 * the Lease is renewed again → the taints go. Grace period 3 s, monitor period 1 s.
 */
class NodeLifecycleIT {
    private static final Logger log = LoggerFactory.getLogger(NodeLifecycleIT.class);

    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ControllerManager controllers;
    static ApiClient client;
    static final ScheduledExecutorService kubelets = Executors.newSingleThreadScheduledExecutor();
    static final Set<String> alive = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        ControllerManagerOptions options = ControllerManagerOptions.defaults()
                .withNodeMonitor(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3))
                .withEviction(10, 10, 0.55, 50);
        controllers = ItSupport.startControllers(cluster, options, "node-lifecycle-controller", "taint-eviction-controller");
        kubelets.scheduleWithFixedDelay(NodeLifecycleIT::renewLeases, 0, 500, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        kubelets.shutdownNow();
        if (controllers != null) {
            controllers.stop();
        }
        cluster.close();
    }

    /** What every kubelet here does: renew its Lease. */
    static void renewLeases() {
        for (String node : alive) {
            try {
                var leases = client.resources(ResourceKinds.LEASES).inNamespace("kube-node-lease");
                Lease lease = leases.get(node);
                leases.update(lease.withSpec(lease.spec().withRenewTime(Instant.now())));
            } catch (ApiException e) {
                log.warn("renewing the lease of {} failed: {}", node, e.toString());
            }
        }
    }

    /** Registers a node as its kubelet would: Ready, with a Lease, renewed from now on. */
    static void registerNode(String name) throws ApiException {
        Instant now = Instant.now();
        Node node = Fixtures.node(name, "True", now);
        client.resources(ResourceKinds.NODES).create(node.withMetadata(node.metadata().withUid(null)));
        client.resources(ResourceKinds.LEASES).inNamespace("kube-node-lease").create(Lease.of(
                new ObjectMeta(name, null, "kube-node-lease", null, null, null, null, null, null, null, null, null, null, null),
                new LeaseSpec(name, 40, now, now, null)));
        alive.add(name);
    }

    static Pod createPod(String name, String node, Toleration... tolerations) throws ApiException {
        Pod pod = Fixtures.pod(name, node, tolerations);
        pod = pod.withMetadata(pod.metadata().withUid(null)).withSpec(pod.spec().withTerminationGracePeriodSeconds(1L));
        return client.resources(ResourceKinds.PODS).inNamespace("default").create(pod);
    }

    static Node node(String name) {
        return find(client, ResourceKinds.NODES, null, name).orElseThrow();
    }

    static List<String> taints(String name) {
        List<Taint> taints = node(name).spec().taints();
        return taints == null ? List.of() : taints.stream().map(t -> t.key() + ":" + t.effect()).toList();
    }

    @Test
    void aNodeWhoseLeaseStopsIsMarkedUnknownItsPodsEvictedAndItRecoversWhenTheLeaseResumes() throws Exception {
        registerNode("dead");
        registerNode("healthy");
        Toleration shortUnreachable = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoExecute", 2L);
        createPod("victim", "dead", shortUnreachable);
        createPod("bystander", "healthy", shortUnreachable);
        Pod defaulted = createPod("defaulted", "dead");
        assertTrue(defaulted.spec().tolerations().stream().anyMatch(t -> NodeTaints.UNREACHABLE.equals(t.key())
                && Long.valueOf(300).equals(t.tolerationSeconds())), "the API server gave it the 300 s toleration");

        long stopped = System.nanoTime();
        alive.remove("dead");

        eventually("the silent node is Unknown with the unreachable taints",
                () -> "Unknown".equals(NodeHealth.readyStatus(node("dead")))
                        && taints("dead").containsAll(List.of("node.kubernetes.io/unreachable:NoSchedule",
                        "node.kubernetes.io/unreachable:NoExecute")));
        long unknown = System.nanoTime();
        NodeCondition ready = NodeHealth.ready(node("dead")).orElseThrow();
        assertEquals("NodeStatusUnknown", ready.reason());
        assertEquals("Kubelet stopped posting node status.", ready.message());

        eventually("the pod tolerating 2 s is evicted and, its kubelet silent, force-deleted after its grace period",
                () -> find(client, ResourceKinds.PODS, "default", "victim").isEmpty());
        long evicted = System.nanoTime();
        log.info("lease stopped → Unknown + taint: {} ms; → pod gone: {} ms", (unknown - stopped) / 1_000_000,
                (evicted - stopped) / 1_000_000);
        eventually("a TaintManagerEviction event was recorded", () -> events("TaintManagerEviction").stream()
                .anyMatch(e -> "victim".equals(e.involvedObject().name())));
        eventually("a NodeNotReady event was recorded", () -> !events("NodeNotReady").isEmpty());
        assertTrue(find(client, ResourceKinds.PODS, "default", "bystander").isPresent(), "the healthy node's pod stays");
        Pod patient = find(client, ResourceKinds.PODS, "default", "defaulted").orElseThrow();
        assertEquals(null, patient.metadata().deletionTimestamp(), "the pod with the default 300 s toleration waits");
        assertEquals("True", NodeHealth.readyStatus(node("healthy")));

        alive.add("dead");
        Node back = node("dead");
        client.resources(ResourceKinds.NODES).updateStatus(back.withStatus(back.status().withConditions(List.of(
                new NodeCondition("Ready", "True", Instant.now(), Instant.now(), "KubeletReady", "kubelet is posting ready status")))));

        eventually("the taints are removed once the kubelet is back", () -> taints("dead").isEmpty());
        assertTrue(find(client, ResourceKinds.PODS, "default", "defaulted").isPresent());
    }

    static List<Event> events(String reason) {
        try {
            return client.resources(ResourceKinds.EVENTS).list(ListOptions.none()).items().stream()
                    .filter(e -> reason.equals(e.reason())).toList();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
