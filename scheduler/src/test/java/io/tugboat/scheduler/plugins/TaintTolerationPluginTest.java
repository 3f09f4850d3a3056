package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.scheduler.Fixtures.PodBuilder;
import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.tainttoleration.TaintTolerationPlugin;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaintTolerationPluginTest {
    private final TaintTolerationPlugin plugin = new TaintTolerationPlugin();

    static Stream<Arguments> filterCases() {
        String untolerated = "node(s) had untolerated taint {dedicated: db}";
        return Stream.of(
                arguments("no toleration, NoSchedule taint", pod("p"), "NoSchedule", Status.unresolvable(untolerated)),
                arguments("no toleration, NoExecute taint", pod("p"), "NoExecute", Status.unresolvable(untolerated)),
                arguments("no toleration, PreferNoSchedule taint", pod("p"), "PreferNoSchedule", Status.SUCCESS),
                arguments("Equal toleration", pod("p").toleration("dedicated", "Equal", "db", "NoSchedule"), "NoSchedule", Status.SUCCESS),
                arguments("default operator is Equal", pod("p").toleration("dedicated", null, "db", "NoSchedule"), "NoSchedule", Status.SUCCESS),
                arguments("Equal toleration, other value", pod("p").toleration("dedicated", "Equal", "web", "NoSchedule"), "NoSchedule",
                        Status.unresolvable(untolerated)),
                arguments("Exists toleration", pod("p").toleration("dedicated", "Exists", null, "NoSchedule"), "NoSchedule", Status.SUCCESS),
                arguments("toleration for another effect", pod("p").toleration("dedicated", "Exists", null, "NoExecute"), "NoSchedule",
                        Status.unresolvable(untolerated)),
                arguments("toleration without effect", pod("p").toleration("dedicated", "Exists", null, null), "NoExecute", Status.SUCCESS),
                arguments("toleration without key, Exists", pod("p").toleration(null, "Exists", null, null), "NoSchedule", Status.SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filterRejectsUntoleratedNoScheduleAndNoExecuteTaints(String name, PodBuilder pod, String effect, Status expected) {
        assertEquals(expected, PluginHarness.filter(plugin, pod.info(), node("n").taint("dedicated", "db", effect).info()));
    }

    @Test
    void scorePrefersNodesWithFewerUntoleratedPreferNoScheduleTaints() {
        long[] scores = PluginHarness.score(plugin, pod("p").toleration("tolerated", "Exists", null, "PreferNoSchedule").info(),
                node("clean").info(),
                node("one").taint("a", "x", "PreferNoSchedule").info(),
                node("two").taint("a", "x", "PreferNoSchedule").taint("b", "y", "PreferNoSchedule").info(),
                node("tolerated").taint("tolerated", "x", "PreferNoSchedule").info());
        assertArrayEquals(new long[]{100, 50, 0, 100}, scores);
    }
}
