package io.tugboat.controllermanager.nodelifecycle;

import static io.tugboat.controllermanager.Fixtures.lease;
import static io.tugboat.controllermanager.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.core.Taint;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node lifecycle controller on a fake clock: nodes in a fake client (the lister reads it, as a caught-up
 * cache would), Leases renewed by hand.
 */
class NodeLifecycleControllerTest {
    static final Duration GRACE = Duration.ofSeconds(40);
    final FakeClock clock = new FakeClock();
    final Instant start = clock.instant();
    final FakeObjectClient<Node> nodes = new FakeObjectClient<>(ResourceKinds.NODES);
    final List<Lease> leases = new ArrayList<>();
    final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    final EventRecorder events = EventRecorder.builder(sink, "node-controller").clock(clock).host("test").build();
    final FakeObjectClient<Pod> pods = new FakeObjectClient<>(ResourceKinds.PODS);
    final NodeLifecycleController controller = new NodeLifecycleController(Fixtures.live(nodes::objects),
            Fixtures.live(() -> leases), Fixtures.podsByNode(pods::objects), nodes, pods, events,
            ControllerManagerOptions.defaults(), clock);

    @AfterEach
    void stopEvents() {
        events.stop();
    }

    void renew(String node) {
        leases.removeIf(l -> l.metadata().name().equals(node));
        leases.add(lease(node, clock.instant()));
    }

    Node get(String name) throws Exception {
        return nodes.get(name);
    }

    List<String> taints(String name) throws Exception {
        return NodeTaints.taints(get(name)).stream().map(t -> t.key() + ":" + t.effect()).toList();
    }

    @Test
    void aNodeRenewingItsLeaseIsLeftAloneAndLookedAtAgainWithinTheMonitorPeriod() throws Exception {
        nodes.seed(node("n1", "True", start));
        renew("n1");

        ReconcileResult result = controller.reconcile("n1");

        assertEquals(List.of(), nodes.writes());
        assertEquals(ReconcileResult.requeueAfter(Duration.ofSeconds(5)), result);
    }

    @Test
    void aNodeSilentForItsGracePeriodTurnsUnknownAndGetsTheUnreachableTaints() throws Exception {
        nodes.seed(node("n1", "True", start), node("n2", "True", start));
        renew("n1");
        controller.reconcile("n1");
        clock.advance(GRACE.minusSeconds(1));
        controller.reconcile("n1");
        assertEquals(List.of(), nodes.writes(), "not yet: one second of grace is left");

        clock.advance(Duration.ofSeconds(1));
        controller.reconcile("n1");

        NodeCondition ready = NodeHealth.ready(get("n1")).orElseThrow();
        assertEquals("Unknown", ready.status());
        assertEquals("NodeStatusUnknown", ready.reason());
        assertEquals("Kubelet stopped posting node status.", ready.message());
        assertEquals(start, ready.lastHeartbeatTime(), "the heartbeat stays what the kubelet last posted");
        assertEquals(4, get("n1").status().conditions().stream().filter(c -> "Unknown".equals(c.status())).count());
        assertEquals(List.of("node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"), taints("n1"));
        assertEquals(clock.instant(), NodeTaints.noExecute(get("n1")).get(0).timeAdded());
        events.stop();
        assertEquals(List.of("NodeNotReady: Node n1 status is now: NodeNotReady"), sink.reasons());
    }

    @Test
    void theTaintsGoWhenTheKubeletComesBack() throws Exception {
        nodes.seed(node("n1", "True", start), node("n2", "True", start));
        controller.reconcile("n1");
        clock.advance(GRACE);
        controller.reconcile("n1");
        assertEquals(2, taints("n1").size());

        clock.advance(Duration.ofSeconds(3));
        renew("n1");
        Node back = get("n1");
        nodes.updateStatus(back.withStatus(back.status().withConditions(List.of(
                new NodeCondition("Ready", "True", clock.instant(), clock.instant(), "KubeletReady", "ready")))));
        controller.reconcile("n1");

        assertEquals(List.of(), taints("n1"));
    }

    @Test
    void aNodeReportingNotReadyGetsTheNotReadyTaints() throws Exception {
        nodes.seed(node("n1", "False", start), node("n2", "True", start));
        renew("n1");

        controller.reconcile("n1");

        assertEquals(List.of("node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"), taints("n1"));
    }

    @Test
    void theUnschedulableTaintMirrorsSpecUnschedulable() throws Exception {
        Node cordoned = node("n1", "True", start);
        nodes.seed(cordoned.withSpec(cordoned.spec().withUnschedulable(true)), node("n2", "True", start));
        renew("n1");
        controller.reconcile("n1");
        assertEquals(List.of("node.kubernetes.io/unschedulable:NoSchedule"), taints("n1"));

        Node current = get("n1");
        nodes.update(current.withSpec(current.spec().withUnschedulable(false)));
        controller.reconcile("n1");
        assertEquals(List.of(), taints("n1"));
    }

    @Test
    void anAdministratorsTaintIsNeverTouched() throws Exception {
        Taint own = new Taint("dedicated", "gpu", "NoSchedule", null);
        nodes.seed(node("n1", "False", start, own), node("n2", "True", start));
        controller.reconcile("n1");
        assertEquals("dedicated:NoSchedule", taints("n1").get(0));
    }

    @Test
    void evictionTaintsArePacedByTheZoneRate() throws Exception {
        // Four nodes, two fail together: the zone stays Normal (2 of 4), so 0.1 node/s: one now, the next in 10 s.
        nodes.seed(node("a", "False", start), node("b", "False", start), node("c", "True", start), node("d", "True", start));
        controller.reconcile("a");
        ReconcileResult second = controller.reconcile("b");

        assertTrue(taints("a").contains("node.kubernetes.io/not-ready:NoExecute"));
        assertEquals(List.of("node.kubernetes.io/not-ready:NoSchedule"), taints("b"), "NoSchedule is never paced");
        assertEquals(ReconcileResult.requeueAfter(Duration.ofSeconds(5)), second);

        clock.advance(Duration.ofSeconds(10));
        controller.reconcile("b");
        assertTrue(taints("b").contains("node.kubernetes.io/not-ready:NoExecute"));
    }

    @Test
    void whenNoNodeAnywhereIsReadyNothingIsEvicted() throws Exception {
        nodes.seed(node("only", "True", start));
        controller.reconcile("only");
        clock.advance(GRACE);
        controller.reconcile("only");

        assertEquals("Unknown", NodeHealth.readyStatus(get("only")));
        assertEquals(List.of("node.kubernetes.io/unreachable:NoSchedule"), taints("only"),
                "the control plane may be the one cut off: no NoExecute taint");
    }

    @Test
    void aPartiallyDisruptedSmallZoneEvictsNothing() throws Exception {
        // 3 of 4 not Ready: PartialDisruption; 4 nodes ≤ 50, so the rate is 0.
        nodes.seed(node("a", "False", start), node("b", "False", start), node("c", "False", start), node("d", "True", start));
        controller.reconcile("a");
        assertEquals(List.of("node.kubernetes.io/not-ready:NoSchedule"), taints("a"));
    }

    @Test
    void aNodeThatNeverReportedGetsTheStartupGrace() throws Exception {
        nodes.seed(node("new", null, null), node("n2", "True", start));
        controller.reconcile("new");
        clock.advance(GRACE);
        controller.reconcile("new");
        assertEquals(List.of(), nodes.writes(), "40 s is within the 60 s startup grace");

        clock.advance(Duration.ofSeconds(20));
        controller.reconcile("new");
        NodeCondition ready = NodeHealth.ready(get("new")).orElseThrow();
        assertEquals("NodeStatusNeverUpdated", ready.reason());
        assertEquals("Kubelet never posted node status.", ready.message());
    }

    @Test
    void thePodsOfAnUnknownNodeAreMarkedNotReady() throws Exception {
        nodes.seed(node("n1", "True", start), node("n2", "True", start));
        Pod ready = Fixtures.pod("web", "n1");
        List<PodCondition> conditions = List.of(new PodCondition("Ready", "True", null, start, null, null),
                new PodCondition("PodScheduled", "True", null, start, null, null));
        pods.seed(ready.withStatus(new PodStatus("Running", conditions, null, null, null, null, null, null, null, null, null, null)),
                Fixtures.pod("elsewhere", "n2").withStatus(new PodStatus("Running", conditions, null, null, null, null, null,
                        null, null, null, null, null)));
        controller.reconcile("n1");
        clock.advance(GRACE);

        controller.reconcile("n1");
        controller.reconcile("n1");

        assertEquals(List.of("updateStatus default/web"), pods.writes(), "once, and only the pod on the silent node");
        assertEquals(List.of("False", "True"), pods.inNamespace("default").get("web").status().conditions().stream().map(PodCondition::status).toList());
        events.stop();
        assertTrue(sink.reasons().contains("NodeNotReady: Node is not ready"));
    }
}
