package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.scheduler.Fixtures.PodBuilder;
import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.Resources;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.balancedallocation.BalancedAllocationPlugin;
import io.tugboat.scheduler.plugins.noderesources.NodeResourcesFitPlugin;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NodeResourcesFit (filter + LeastAllocated) and NodeResourcesBalancedAllocation, and how requests add up. */
class NodeResourcesPluginsTest {
    private final NodeResourcesFitPlugin fit = new NodeResourcesFitPlugin();

    static Stream<Arguments> requestCases() {
        return Stream.of(
                arguments("no requests", pod("p"), new Resources(0, 0)),
                arguments("app containers add up", pod("p").container("100m", "64Mi").container("150m", "64Mi"),
                        new Resources(250, 128L << 20)),
                arguments("a big init container dominates", pod("p").initContainer("500m", null).initContainer("200m", null)
                        .container("100m", null).container("150m", null), new Resources(500, 0)),
                arguments("max per resource", pod("p").initContainer("1", "10Mi").container("100m", "1Gi"),
                        new Resources(1000, 1L << 30)),
                arguments("overhead is added", pod("p").container("100m", null).overhead("50m"), new Resources(150, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestCases")
    void podRequestsAreComputedAsKubernetesDoes(String name, PodBuilder pod, Resources expected) {
        assertEquals(expected, Resources.requestsOf(pod.build()));
    }

    @Test
    void nonZeroRequestsDefaultMissingCpuAndMemoryPerContainer() {
        assertEquals(new Resources(100 + 300, 200L * 1024 * 1024 + (64L << 20)),
                Resources.nonZeroRequestsOf(pod("p").container(null, null).container("300m", "64Mi").build()));
    }

    static Stream<Arguments> filterCases() {
        NodeInfo half = node("n").capacity("2", "4Gi", "3").info(pod("a").container("1", "2Gi").build());
        NodeInfo full = node("n").capacity("2", "4Gi", "2").info(pod("a").build(), pod("b").build());
        return Stream.of(
                arguments("fits", pod("p").container("1", "2Gi"), half, Status.SUCCESS),
                arguments("cpu short", pod("p").container("1500m", "1Gi"), half, Status.unschedulable("Insufficient cpu")),
                arguments("memory short", pod("p").container("500m", "3Gi"), half, Status.unschedulable("Insufficient memory")),
                arguments("both short", pod("p").container("2", "3Gi"), half,
                        Status.unschedulable("Insufficient cpu", "Insufficient memory")),
                arguments("pod count reached", pod("p"), full, Status.unschedulable("Too many pods")),
                arguments("pod count reached and cpu short", pod("p").container("3", null), full,
                        Status.unschedulable("Too many pods", "Insufficient cpu")),
                arguments("init container counted", pod("p").initContainer("1500m", null).container("100m", null), half,
                        Status.unschedulable("Insufficient cpu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filterChecksCpuMemoryAndPodCount(String name, PodBuilder pod, NodeInfo node, Status expected) {
        assertEquals(expected, PluginHarness.filter(fit, pod.info(), node));
    }

    @Test
    void leastAllocatedPrefersTheEmptierNode() {
        long[] scores = PluginHarness.rawScore(fit, pod("p").container("1", "1Gi").info(),
                node("empty").capacity("4", "4Gi", "110").info(),
                node("busy").capacity("4", "4Gi", "110").info(pod("a").container("2", "2Gi").build()));
        // empty: cpu (4-1)/4 = 75, memory 75 → 75; busy: cpu (4-3)/4 = 25, memory 25 → 25
        assertArrayEquals(new long[]{75, 25}, scores);
    }

    @Test
    void balancedAllocationPrefersEqualSharesOfCpuAndMemory() {
        BalancedAllocationPlugin balanced = new BalancedAllocationPlugin();
        long[] scores = PluginHarness.score(balanced, pod("p").container("1", "1Gi").info(),
                node("balanced").capacity("4", "4Gi", "110").info(),
                node("skewed").capacity("4", "4Gi", "110").info(pod("a").container("2", null).build()));
        // balanced: 1/4 and 1/4 → 100; skewed: 3/4 and 1/4 → 1 − 0.25 = 75
        assertArrayEquals(new long[]{100, 75}, scores);
    }

    @Test
    void balancedAllocationSkipsPodsThatRequestNothing() {
        long[] scores = PluginHarness.score(new BalancedAllocationPlugin(), pod("p").info(), node("n").info());
        assertArrayEquals(new long[]{0}, scores);
    }
}
