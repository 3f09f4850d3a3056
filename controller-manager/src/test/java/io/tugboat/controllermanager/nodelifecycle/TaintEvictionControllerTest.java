package io.tugboat.controllermanager.nodelifecycle;

import static io.tugboat.controllermanager.Fixtures.node;
import static io.tugboat.controllermanager.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.controllermanager.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Taint-based eviction and the force-delete of pods stuck on unreachable nodes, on a fake clock. */
class TaintEvictionControllerTest {
    final FakeClock clock = new FakeClock();
    final Instant start = clock.instant();
    final FakeObjectClient<Pod> pods = new FakeObjectClient<>(ResourceKinds.PODS);
    final List<Node> nodes = new ArrayList<>();
    final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    final EventRecorder events = EventRecorder.builder(sink, "taint-eviction-controller").clock(clock).host("test").build();
    final TaintEvictionController controller = new TaintEvictionController(Fixtures.live(pods::objects),
            Fixtures.live(() -> nodes), pods, events, clock);

    void unreachableNode() {
        nodes.add(node("n1", "Unknown", start, new Taint(NodeTaints.UNREACHABLE, null, "NoExecute", start)));
    }

    static Toleration unreachableFor(long seconds) {
        return new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoExecute", seconds);
    }

    @Test
    void aPodThatDoesNotTolerateTheTaintIsEvictedAtOnce() throws Exception {
        unreachableNode();
        pods.seed(pod("p", "n1"));

        controller.reconcile("default/p");

        assertEquals(List.of("delete default/p"), pods.writes());
        assertEquals("uid-p", ((DeleteOptions) pods.actions().get(0).object()).preconditions().uid());
        events.stop();
        assertEquals(List.of("TaintManagerEviction: Marking for deletion Pod default/p"), sink.reasons());
    }

    @Test
    void aPodTolerating300SecondsLeavesWhenTheyHavePassedSinceTheTaint() throws Exception {
        unreachableNode();
        pods.seed(pod("p", "n1", unreachableFor(300)));
        clock.advance(Duration.ofSeconds(100));

        assertEquals(ReconcileResult.requeueAt(clock.instant().plusSeconds(200)), controller.reconcile("default/p"));
        assertEquals(List.of(), pods.writes());

        clock.advance(Duration.ofSeconds(200));
        controller.reconcile("default/p");
        assertEquals(List.of("delete default/p"), pods.writes());
    }

    @Test
    void podsOnHealthyNodesOrToleratingForeverStay() throws Exception {
        nodes.add(node("ok", "True", start));
        unreachableNode();
        pods.seed(pod("a", "ok"), pod("b", "n1", new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoExecute", null)),
                pod("c", null));

        for (String key : List.of("default/a", "default/b", "default/c")) {
            assertEquals(ReconcileResult.done(), controller.reconcile(key));
        }
        assertEquals(List.of(), pods.writes());
    }

    @Test
    void aPodStuckTerminatingOnAnUnreachableNodeIsForceDeletedAfterItsGracePeriod() throws Exception {
        unreachableNode();
        Pod pod = pod("p", "n1", unreachableFor(0));
        pods.seed(pod.withMetadata(pod.metadata().withDeletionTimestamp(start.plusSeconds(30)).withDeletionGracePeriodSeconds(30L)));

        assertEquals(ReconcileResult.requeueAt(clock.instant().plusSeconds(30)), controller.reconcile("default/p"));
        clock.advance(Duration.ofSeconds(30));
        controller.reconcile("default/p");

        assertEquals(List.of("delete default/p"), pods.writes());
        assertEquals(0L, ((DeleteOptions) pods.actions().get(pods.actions().size() - 1).object()).gracePeriodSeconds());
    }

    @Test
    void aTerminatingPodOnAReachableNodeIsLeftToItsKubelet() throws Exception {
        nodes.add(node("n1", "True", start));
        Pod pod = pod("p", "n1");
        pods.seed(pod.withMetadata(pod.metadata().withDeletionTimestamp(start)));
        clock.advance(Duration.ofMinutes(5));

        controller.reconcile("default/p");

        assertEquals(List.of(), pods.writes());
    }
}
