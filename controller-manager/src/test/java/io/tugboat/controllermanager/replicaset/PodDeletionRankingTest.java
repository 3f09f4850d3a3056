package io.tugboat.controllermanager.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the deletion order, as a pair of pods that differ only in what that rule looks at. */
class PodDeletionRankingTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    record P(String name, String node, String phase, boolean ready, Instant readySince, int restarts, Instant created,
             String cost) {
        static P base(String name) {
            return new P(name, "node-1", "Running", true, T0, 0, T0, null);
        }

        Pod pod() {
            ObjectMeta meta = new ObjectMeta(name, null, "default", null, null, null, null, created, null, null, null,
                    cost == null ? null : Map.of(PodDeletionRanking.DELETION_COST, cost), null, null);
            PodSpec spec = emptySpec().withNodeName(node);
            PodStatus status = new PodStatus(phase, List.of(new PodCondition("Ready", ready ? "True" : "False", null,
                    readySince, null, null)), null, null, null, null, null, null, null, null,
                    List.of(new ContainerStatus("main", null, null, ready, restarts, null, null, null, null)), null);
            return Pod.of(meta, spec, status);
        }
    }

    static PodSpec emptySpec() {
        try {
            return io.tugboat.api.Codec.fromJson("{}", PodSpec.class).value();
        } catch (io.tugboat.api.DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    static String first(P a, P b) {
        return PodDeletionRanking.podsToDelete(List.of(b.pod(), a.pod()), 1).get(0).metadata().name();
    }

    @Test
    void unscheduledBeforeScheduled() {
        assertEquals("a", first(new P("a", null, "Pending", false, null, 0, T0, null), P.base("b")));
    }

    @Test
    void pendingBeforeUnknownBeforeRunning() {
        P running = P.base("running");
        P unknown = new P("unknown", "node-1", "Unknown", true, T0, 0, T0, null);
        P pending = new P("pending", "node-1", "Pending", true, T0, 0, T0, null);
        assertEquals(List.of("pending", "unknown", "running"), PodDeletionRanking.rank(
                List.of(running.pod(), unknown.pod(), pending.pod())).stream().map(p -> p.metadata().name()).toList());
    }

    @Test
    void notReadyBeforeReady() {
        assertEquals("a", first(new P("a", "node-1", "Running", false, null, 0, T0, null), P.base("b")));
    }

    @Test
    void lowerDeletionCostFirst() {
        assertEquals("a", first(new P("a", "node-1", "Running", true, T0, 0, T0, "-5"), P.base("b")));
    }

    @Test
    void doubledUpOnANodeBeforeAlone() {
        P alone = new P("alone", "node-2", "Running", true, T0, 0, T0, null);
        List<Pod> ranked = PodDeletionRanking.rank(List.of(alone.pod(), P.base("x").pod(), P.base("y").pod()));
        assertEquals("node-1", ranked.get(0).spec().nodeName());
        assertEquals("alone", ranked.get(2).metadata().name());
    }

    @Test
    void readyForLessTimeFirst() {
        assertEquals("a", first(new P("a", "node-1", "Running", true, T0.plusSeconds(60), 0, T0, null),
                new P("b", "node-2", "Running", true, T0, 0, T0, null)));
    }

    @Test
    void moreRestartsFirst() {
        assertEquals("a", first(new P("a", "node-1", "Running", true, T0, 3, T0, null),
                new P("b", "node-2", "Running", true, T0, 1, T0, null)));
    }

    @Test
    void newerFirst() {
        assertEquals("a", first(new P("a", "node-1", "Running", true, T0, 0, T0.plusSeconds(1), null),
                new P("b", "node-2", "Running", true, T0, 0, T0, null)));
    }

    @Test
    void anEarlierRuleWinsOverALaterOne() {
        // Ready but brand new loses to not ready but old: readiness comes before age.
        assertEquals("old-not-ready", first(new P("old-not-ready", "node-1", "Running", false, null, 0, T0, null),
                new P("new-ready", "node-2", "Running", true, T0, 0, T0.plusSeconds(100), null)));
    }
}
