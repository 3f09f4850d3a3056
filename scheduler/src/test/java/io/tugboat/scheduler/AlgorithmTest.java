package io.tugboat.scheduler;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.scheduler.framework.Framework;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.Snapshot;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlgorithmTest {
    private final Framework framework = Profile.defaults().build(new io.tugboat.scheduler.framework.Handle((ns, p, n) -> { }));

    static Stream<Arguments> feasibleCounts() {
        return Stream.of(arguments(5, 5), arguments(99, 99), arguments(100, 100), arguments(200, 100),
                arguments(1000, 420), arguments(5000, 500), arguments(6000, 300), arguments(10000, 500));
    }

    @ParameterizedTest(name = "{0} nodes: stop after {1} feasible")
    @MethodSource("feasibleCounts")
    void numFeasibleNodesToFindIsKubernetesAdaptivePercentage(int nodes, int expected) {
        assertEquals(expected, framework.numFeasibleNodesToFind(nodes));
    }

    @Test
    void aConfiguredPercentageReplacesTheAdaptiveOne() {
        Framework tenPercent = Profile.defaults().withOverrides("percentageOfNodesToScore=10")
                .build(new io.tugboat.scheduler.framework.Handle((ns, p, n) -> { }));
        assertEquals(100, tenPercent.numFeasibleNodesToFind(500));
        assertEquals(300, tenPercent.numFeasibleNodesToFind(3000));
    }

    @Test
    void picksTheBestScoredNode() {
        Algorithm algorithm = new Algorithm(framework, new Random(1));
        Snapshot snapshot = Snapshot.of(
                node("busy").info(pod("a").container("3", "6Gi").build()),
                node("idle").info(),
                node("tainted").taint("dedicated", "db", "NoSchedule").info());
        Decision d = algorithm.decide(pod("p").container("500m", "512Mi").info(), snapshot);
        assertEquals(new Decision.Placed("idle", 3, 2), d);
    }

    @Test
    void explainsWhyNoNodeFits() {
        Algorithm algorithm = new Algorithm(framework, new Random(1));
        Snapshot snapshot = Snapshot.of(
                node("small").capacity("1", "1Gi", "10").info(),
                node("db1").taint("dedicated", "db", "NoSchedule").info(),
                node("db2").taint("dedicated", "db", "NoSchedule").info());
        Decision d = algorithm.decide(pod("p").container("2", null).info(), snapshot);
        assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: db}.",
                assertInstanceOf(Decision.NoFit.class, d).error().message());
    }

    @Test
    void breaksTiesAtRandomAndStartsFilteringWhereTheLastCycleStopped() {
        Algorithm algorithm = new Algorithm(framework, new Random(7));
        NodeInfo[] nodes = new NodeInfo[4];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = node("n" + i).info();
        }
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            chosen.add(((Decision.Placed) algorithm.decide(pod("p").info(), Snapshot.of(nodes))).node());
        }
        assertTrue(chosen.size() > 1, "equal nodes all get picked sometimes: " + chosen);
        assertEquals(0, new Algorithm(framework, new Random()).selectHost(new long[]{9, 3, 1}));
    }
}
