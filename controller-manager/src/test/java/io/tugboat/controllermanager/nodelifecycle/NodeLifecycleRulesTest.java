package io.tugboat.controllermanager.nodelifecycle;

import static io.tugboat.controllermanager.Fixtures.lease;
import static io.tugboat.controllermanager.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import io.tugboat.controllermanager.Fixtures;
import io.tugboat.controllermanager.nodelifecycle.NodeHealth.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure rules of node lifecycle: health observation, tolerations, zone states. */
class NodeLifecycleRulesTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final Taint UNREACHABLE = new Taint(NodeTaints.UNREACHABLE, null, "NoExecute", T0);
    static final Taint NOT_READY = new Taint(NodeTaints.NOT_READY, null, "NoExecute", T0);

    @Test
    void theProbeTimeMovesOnlyWhenTheLeaseOrTheHeartbeatMoves() {
        Node node = node("n", "True", T0);
        Observation first = NodeHealth.observe(null, node, lease("n", T0), T0.plusSeconds(100));
        assertEquals(T0.plusSeconds(100), first.probeTime(), "our clock, not the kubelet's");
        assertSame(first, NodeHealth.observe(first, node, lease("n", T0), T0.plusSeconds(130)));
        assertEquals(T0.plusSeconds(140), NodeHealth.observe(first, node, lease("n", T0.plusSeconds(10)), T0.plusSeconds(140)).probeTime());
        assertEquals(T0.plusSeconds(150), NodeHealth.observe(first, node("n", "True", T0.plusSeconds(20)), lease("n", T0),
                T0.plusSeconds(150)).probeTime());
    }

    static Stream<Arguments> tolerations() {
        Toleration unreachable5 = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoExecute", 5L);
        Toleration unreachableForever = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoExecute", null);
        Toleration notReady300 = new Toleration(NodeTaints.NOT_READY, "Exists", null, "NoExecute", 300L);
        Toleration everything = new Toleration(null, "Exists", null, null, null);
        Toleration negative = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoExecute", -3L);
        Toleration wrongValue = new Toleration(NodeTaints.UNREACHABLE, "Equal", "x", "NoExecute", 100L);
        Toleration noScheduleOnly = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoSchedule", null);
        return Stream.of(
                Arguments.of("no toleration: now", List.of(), List.of(UNREACHABLE), Optional.of(T0.plusSeconds(7))),
                Arguments.of("tolerated for 5 s: 5 s after the taint", List.of(unreachable5), List.of(UNREACHABLE),
                        Optional.of(T0.plusSeconds(5))),
                Arguments.of("tolerated forever: never", List.of(unreachableForever), List.of(UNREACHABLE), Optional.empty()),
                Arguments.of("a wildcard toleration: never", List.of(everything), List.of(UNREACHABLE, NOT_READY), Optional.empty()),
                Arguments.of("one taint not tolerated: now", List.of(unreachable5), List.of(UNREACHABLE, NOT_READY),
                        Optional.of(T0.plusSeconds(7))),
                Arguments.of("two taints: the earliest deadline", List.of(unreachable5, notReady300), List.of(UNREACHABLE, NOT_READY),
                        Optional.of(T0.plusSeconds(5))),
                Arguments.of("negative seconds count as zero", List.of(negative), List.of(UNREACHABLE), Optional.of(T0)),
                Arguments.of("Equal with another value does not match", List.of(wrongValue), List.of(UNREACHABLE),
                        Optional.of(T0.plusSeconds(7))),
                Arguments.of("a NoSchedule toleration does not cover NoExecute", List.of(noScheduleOnly), List.of(UNREACHABLE),
                        Optional.of(T0.plusSeconds(7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tolerations")
    void evictionTimeFollowsTheTolerations(String name, List<Toleration> tolerations, List<Taint> taints, Optional<Instant> expected) {
        assertEquals(expected, Tolerations.evictionTime(tolerations, taints, T0.plusSeconds(7)));
    }

    static Stream<Arguments> zones() {
        return Stream.of(
                Arguments.of(4, 0, Zones.State.NORMAL),
                Arguments.of(2, 2, Zones.State.NORMAL),    // 2 not Ready: never partial below 3
                Arguments.of(2, 3, Zones.State.PARTIAL_DISRUPTION), // 3/5 = 0.6 ≥ 0.55
                Arguments.of(3, 3, Zones.State.NORMAL),    // 3/6 = 0.5 < 0.55
                Arguments.of(0, 1, Zones.State.FULL_DISRUPTION));
    }

    @ParameterizedTest(name = "{0} ready, {1} not ready: {2}")
    @MethodSource("zones")
    void zoneStatesAreKubernetes(int ready, int notReady, Zones.State expected) {
        assertEquals(expected, Zones.state(ready, notReady, 0.55));
    }

    @Test
    void aPartiallyDisruptedZoneEvictsAtTheSecondaryRateOnlyWhenLarge() {
        assertEquals(0.01, Zones.evictionRate(new Zones.Zone(60, 40, Zones.State.PARTIAL_DISRUPTION), 0.1, 0.01, 50));
        assertEquals(0.0, Zones.evictionRate(new Zones.Zone(10, 8, Zones.State.PARTIAL_DISRUPTION), 0.1, 0.01, 50));
        assertEquals(0.1, Zones.evictionRate(new Zones.Zone(10, 1, Zones.State.NORMAL), 0.1, 0.01, 50));
    }

    @Test
    void nodesAreGroupedByRegionAndZoneLabels() {
        Node a = node("a", "True", T0);
        Node b = a.withMetadata(a.metadata().withName("b").withLabels(Fixtures.labels(Zones.ZONE_LABEL, "z1")));
        Node c = node("c", "False", T0).withMetadata(b.metadata().withName("c"));
        var zones = Zones.compute(List.of(a, b, c), 0.55);
        assertEquals(new Zones.Zone(1, 0, Zones.State.NORMAL), zones.get("/"));
        assertEquals(new Zones.Zone(2, 1, Zones.State.NORMAL), zones.get("/z1"));
    }

    @Test
    void theLimiterGrantsOncePerIntervalAndNeverAtRateZero() {
        EvictionLimiter limiter = new EvictionLimiter();
        assertEquals(Duration.ZERO, limiter.tryAcquire(T0, 0.1));
        assertEquals(Duration.ofSeconds(6), limiter.tryAcquire(T0.plusSeconds(4), 0.1));
        assertEquals(Duration.ZERO, limiter.tryAcquire(T0.plusSeconds(10), 0.1));
        assertNull(limiter.tryAcquire(T0.plusSeconds(100), 0));
    }
}
