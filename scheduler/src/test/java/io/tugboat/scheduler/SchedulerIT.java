package io.tugboat.scheduler;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static io.tugboat.scheduler.Fixtures.term;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.scheduler.framework.Resources;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduler against a real API server and etcd: Node objects created directly (Ready, no kubelet), pods
 * created through the API, bindings observed through the API. Each test has its own cluster (its own etcd prefix).
 */
class SchedulerIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    private static final String ZONE = "topology.kubernetes.io/zone";

    private TestCluster cluster;
    private SchedulerServer scheduler;
    private ResourceClient<Pod> pods;
    private ResourceClient<Node> nodes;

    @BeforeEach
    void start() throws Exception {
        cluster = TestCluster.start(etcd);
        ApiClient client = cluster.client();
        pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        nodes = client.resources(ResourceKinds.NODES);
        scheduler = new SchedulerServer(cluster.client(), SchedulerServer.Options.defaults());
        assertTrue(scheduler.startInformers(Duration.ofSeconds(20)));
        scheduler.startScheduling();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        cluster.close();
    }

    @Test
    void fiftyPodsLandOnlyWhereTheyFitAndNoNodeIsOvercommitted() throws Exception {
        createNode(node("xs").capacity("1", "2Gi", "110").build());
        createNode(node("s").capacity("2", "4Gi", "110").build());
        createNode(node("s-lowmem").capacity("2", "2Gi", "110").build());
        createNode(node("m").capacity("4", "8Gi", "110").build());
        createNode(node("l").capacity("8", "16Gi", "25").build());
        for (int i = 0; i < 50; i++) {
            pods.create(pod("web-" + i).container("300m", "256Mi").build());
        }
        eventually("all 50 pods bound", () -> boundPods().size() == 50);
        Map<String, Resources> used = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Pod p : boundPods()) {
            used.merge(p.spec().nodeName(), Resources.requestsOf(p), Resources::plus);
            count.merge(p.spec().nodeName(), 1, Integer::sum);
        }
        for (Node n : nodes.list(ListOptions.none()).items()) {
            Resources alloc = Resources.of(n.status().allocatable());
            Resources u = used.getOrDefault(n.metadata().name(), Resources.ZERO);
            assertTrue(u.milliCpu() <= alloc.milliCpu() && u.memory() <= alloc.memory(),
                    n.metadata().name() + " over-committed: " + u + " of " + alloc);
            assertTrue(count.getOrDefault(n.metadata().name(), 0) <= n.status().allocatable().get("pods").longValue());
        }
        // Room for 3 + 6 + 6 + 13 + 25 = 53 such pods: of 4 more, 3 fit and the last one fits nowhere.
        for (int i = 50; i < 54; i++) {
            pods.create(pod("web-" + i).container("300m", "256Mi").build());
        }
        eventually("53 pods bound", () -> boundPods().size() == 53);
        String pending = pods.list(ListOptions.none()).items().stream().filter(p -> p.spec().nodeName() == null)
                .findFirst().orElseThrow().metadata().name();
        expectPending(pending, "0/5 nodes are available: 1 Too many pods, 4 Insufficient cpu.");
    }

    @Test
    void taintsTolerationsAndNodeSelectorBehaveAsInKubernetes() throws Exception {
        createNode(node("db").label("role", "db").taint("dedicated", "db", "NoSchedule").build());
        createNode(node("ssd").label("disk", "ssd").build());
        createNode(node("plain").build());
        pods.create(pod("wants-ssd").nodeSelector("disk", "ssd").build());
        pods.create(pod("tolerates-db").nodeSelector("role", "db").toleration("dedicated", "Equal", "db", "NoSchedule").build());
        pods.create(pod("plain-pod").build());
        pods.create(pod("wants-db-untolerated").nodeSelector("role", "db").build());
        eventually("placed pods bound", () -> boundPods().size() == 3);
        assertEquals("ssd", nodeOf("wants-ssd"));
        assertEquals("db", nodeOf("tolerates-db"));
        assertTrue(List.of("ssd", "plain").contains(nodeOf("plain-pod")), "never on the tainted node");
        expectPending("wants-db-untolerated",
                "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 node(s) didn't match Pod's node affinity/selector.");
    }

    @Test
    void requiredAntiAffinityPutsOneReplicaPerNodeAndTheExtraStaysPending() throws Exception {
        for (int i = 1; i <= 3; i++) {
            createNode(node("n" + i).build());
        }
        for (int i = 1; i <= 4; i++) {
            pods.create(pod("web-" + i).label("app", "web").requiredAntiAffinity(term("kubernetes.io/hostname", "app", "web")).build());
        }
        eventually("three replicas bound", () -> boundPods().size() == 3);
        assertEquals(3, boundPods().stream().map(p -> p.spec().nodeName()).distinct().count(), "one replica per node");
        String pending = pods.list(ListOptions.none()).items().stream().filter(p -> p.spec().nodeName() == null)
                .findFirst().orElseThrow().metadata().name();
        String message = "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.";
        expectPending(pending, message);
        ResourceClient<Event> events = cluster.client().resources(ResourceKinds.EVENTS).inNamespace("default");
        eventually("a FailedScheduling event for " + pending, () -> listQuietly(events).stream().anyMatch(e ->
                "FailedScheduling".equals(e.reason()) && "Warning".equals(e.type()) && message.equals(e.message())
                        && pending.equals(e.involvedObject().name())));
        eventually("Scheduled events for the others", () -> listQuietly(events).stream()
                .filter(e -> "Scheduled".equals(e.reason()) && e.message().startsWith("Successfully assigned default/web-")).count() == 3);
    }

    @Test
    void topologySpreadKeepsZonesWithinMaxSkew() throws Exception {
        createNode(node("a1").label(ZONE, "a").build());
        createNode(node("a2").label(ZONE, "a").build());
        createNode(node("a3").label(ZONE, "a").build());
        createNode(node("b1").label(ZONE, "b").build());
        for (int i = 0; i < 8; i++) {
            pods.create(pod("spread-" + i).label("app", "s").spread(1, ZONE, "DoNotSchedule", "app", "s").build());
        }
        eventually("all bound", () -> boundPods().size() == 8);
        Map<String, Integer> perZone = new HashMap<>();
        for (Pod p : boundPods()) {
            perZone.merge(p.spec().nodeName().startsWith("a") ? "a" : "b", 1, Integer::sum);
        }
        assertEquals(Map.of("a", 4, "b", 4), perZone, "zone b's single node takes as many as zone a's three");
    }

    @Test
    void aPodPendingForCpuIsScheduledSoonAfterANodeIsAdded() throws Exception {
        createNode(node("small").capacity("1", "4Gi", "110").build());
        pods.create(pod("big").container("2", "1Gi").build());
        expectPending("big", "0/1 nodes are available: 1 Insufficient cpu.");
        createNode(node("large").capacity("4", "8Gi", "110").build());
        Eventually.until("big bound to the new node", Duration.ofSeconds(15), () -> "large".equals(nodeOf("big")));
    }

    // ------------------------------------------------------------------ helpers

    private void createNode(Node node) throws ApiException {
        Node created = nodes.create(node);
        if (created.status() == null || created.status().allocatable() == null) {
            nodes.updateStatus(created.withStatus(node.status()));
        }
    }

    private List<Pod> boundPods() {
        try {
            return pods.list(ListOptions.none()).items().stream().filter(p -> p.spec().nodeName() != null).toList();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nodeOf(String pod) {
        try {
            return pods.get(pod).spec().nodeName();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private void expectPending(String name, String message) throws InterruptedException {
        eventually(name + " Pending with PodScheduled=False: " + message, () -> {
            Optional<PodCondition> c = condition(name);
            return c.isPresent() && "False".equals(c.get().status()) && "Unschedulable".equals(c.get().reason())
                    && message.equals(c.get().message());
        });
        assertEquals(null, nodeOf(name));
    }

    private Optional<PodCondition> condition(String name) {
        try {
            Pod p = pods.get(name);
            return p.status() == null || p.status().conditions() == null ? Optional.empty()
                    : p.status().conditions().stream().filter(c -> "PodScheduled".equals(c.type())).findFirst();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Event> listQuietly(ResourceClient<Event> events) {
        try {
            return events.list(ListOptions.none()).items();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        // Generous: a wait, not a timing assertion (the machine is shared by several builds).
        Eventually.until(what, Duration.ofSeconds(60), condition);
    }
}
