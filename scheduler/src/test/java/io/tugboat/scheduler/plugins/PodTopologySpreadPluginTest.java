package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.scheduler.Fixtures.PodBuilder;
import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.podtopologyspread.PodTopologySpreadPlugin;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster of the filter cases: zone a has 2 "web" pods (on a1), zone b has 1 (b1), node c1 has no zone label. */
class PodTopologySpreadPluginTest {
    private static final String ZONE = "topology.kubernetes.io/zone";
    private final PodTopologySpreadPlugin plugin = new PodTopologySpreadPlugin();

    private static NodeInfo[] cluster() {
        return new NodeInfo[]{
                node("a1").label(ZONE, "a").info(pod("w1").label("app", "web").build(), pod("w2").label("app", "web").build()),
                node("b1").label(ZONE, "b").info(pod("w3").label("app", "web").build()),
                node("b2").label(ZONE, "b").info(pod("other").label("app", "db").build()),
                node("c1").info()};
    }

    static Stream<Arguments> cases() {
        Status skewed = Status.unschedulable("node(s) didn't match pod topology spread constraints");
        Status missing = Status.unresolvable("node(s) didn't match pod topology spread constraints (missing required label)");
        PodBuilder web1 = pod("p").label("app", "web").spread(1, ZONE, "DoNotSchedule", "app", "web");
        PodBuilder web2 = pod("p").label("app", "web").spread(2, ZONE, "DoNotSchedule", "app", "web");
        return Stream.of(
                arguments("maxSkew 1: zone a would be 3 vs 1", web1, 0, skewed),
                arguments("maxSkew 1: zone b would be 2 vs 2", web1, 1, Status.SUCCESS),
                arguments("maxSkew 1: any node of zone b", web1, 2, Status.SUCCESS),
                arguments("maxSkew 2: zone a would be 3 vs 1", web2, 0, Status.SUCCESS),
                arguments("node without the zone label", web1, 3, missing),
                arguments("ScheduleAnyway never filters", pod("p").label("app", "web").spread(1, ZONE, "ScheduleAnyway", "app", "web"),
                        0, Status.SUCCESS),
                arguments("a pod outside the group does not count itself: zone a stays 2 vs 1",
                        pod("p").label("app", "x").spread(1, ZONE, "DoNotSchedule", "app", "web"), 0, Status.SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filterKeepsTheSkewWithinMaxSkew(String name, PodBuilder pod, int node, Status expected) {
        assertEquals(expected, PluginHarness.filter(plugin, pod.info(), node, cluster()));
    }

    @Test
    void scheduleAnywayScorePrefersTheLessLoadedZone() {
        long[] scores = PluginHarness.score(plugin, pod("p").label("app", "web").spread(1, ZONE, "ScheduleAnyway", "app", "web").info(),
                cluster()[0], cluster()[1], cluster()[2]);
        assertTrue(scores[1] > scores[0], "zone b beats zone a: " + java.util.Arrays.toString(scores));
        assertEquals(scores[1], scores[2]);
    }

    @Test
    void replicaSetPodsSpreadOverNodesByDefault() {
        PodBuilder replica = pod("p").ownedBy("ReplicaSet", "rs-1");
        NodeInfo two = node("two").info(pod("r1").ownedBy("ReplicaSet", "rs-1").build(), pod("r2").ownedBy("ReplicaSet", "rs-1").build());
        NodeInfo one = node("one").info(pod("r3").ownedBy("ReplicaSet", "rs-1").build(), pod("x").ownedBy("ReplicaSet", "rs-2").build());
        NodeInfo none = node("none").info();
        long[] scores = PluginHarness.score(plugin, replica.info(), two, one, none);
        assertTrue(scores[2] > scores[1] && scores[1] > scores[0], java.util.Arrays.toString(scores));
        assertArrayEquals(new long[]{0, 0, 0}, PluginHarness.score(plugin, pod("lonely").info(), two, one, none),
                "a pod without a controller gets no default spreading");
    }
}
