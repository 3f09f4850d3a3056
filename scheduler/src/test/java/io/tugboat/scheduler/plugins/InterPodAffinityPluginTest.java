package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static io.tugboat.scheduler.Fixtures.term;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.scheduler.Fixtures.PodBuilder;
import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.interpodaffinity.InterPodAffinityPlugin;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster of every case: zone a holds node a1 (a "db" pod) and a2 (empty); zone b holds b1 (a "web" pod whose
 * required anti-affinity keeps "batch" pods off its node).
 */
class InterPodAffinityPluginTest {
    private static final String HOST = "kubernetes.io/hostname";
    private static final String ZONE = "topology.kubernetes.io/zone";
    private final InterPodAffinityPlugin plugin = new InterPodAffinityPlugin();

    private static NodeInfo[] cluster() {
        return new NodeInfo[]{
                node("a1").label(ZONE, "a").info(pod("db").label("app", "db").build()),
                node("a2").label(ZONE, "a").info(),
                node("b1").label(ZONE, "b").info(pod("web").label("app", "web").requiredAntiAffinity(term(HOST, "app", "batch")).build())};
    }

    static Stream<Arguments> cases() {
        Status ok = Status.SUCCESS;
        Status noAffinity = Status.unresolvable("node(s) didn't match pod affinity rules");
        Status noAnti = Status.unschedulable("node(s) didn't match pod anti-affinity rules");
        Status existing = Status.unschedulable("node(s) didn't satisfy existing pods anti-affinity rules");
        PodBuilder nearDbHost = pod("p").requiredAffinity(term(HOST, "app", "db"));
        PodBuilder nearDbZone = pod("p").requiredAffinity(term(ZONE, "app", "db"));
        PodBuilder awayFromDbZone = pod("p").requiredAntiAffinity(term(ZONE, "app", "db"));
        PodBuilder batch = pod("p").label("app", "batch");
        PodBuilder firstOfGroup = pod("p").label("app", "cache").requiredAffinity(term(ZONE, "app", "cache"));
        PodBuilder nearNobody = pod("p").label("app", "x").requiredAffinity(term(ZONE, "app", "cache"));
        return Stream.of(
                arguments("affinity to db's host: a1", nearDbHost, 0, ok),
                arguments("affinity to db's host: a2", nearDbHost, 1, noAffinity),
                arguments("affinity to db's zone: a2", nearDbZone, 1, ok),
                arguments("affinity to db's zone: b1", nearDbZone, 2, noAffinity),
                arguments("anti-affinity to db's zone: a2", awayFromDbZone, 1, noAnti),
                arguments("anti-affinity to db's zone: b1", awayFromDbZone, 2, ok),
                arguments("web's anti-affinity keeps batch off b1", batch, 2, existing),
                arguments("web's anti-affinity allows batch on a2", batch, 1, ok),
                arguments("first pod of a self-affine group goes anywhere", firstOfGroup, 2, ok),
                arguments("affinity to pods that exist nowhere, not self-matching", nearNobody, 1, noAffinity),
                arguments("a pod without terms, next to no anti-affinity", pod("p"), 2, ok));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filterEnforcesRequiredAffinityAndAntiAffinityBothWays(String name, PodBuilder pod, int node, Status expected) {
        assertEquals(expected, PluginHarness.filter(plugin, pod.info(), node, cluster()));
    }

    @Test
    void scoreFollowsPreferredTermsPerTopologyDomain() {
        long[] near = PluginHarness.score(plugin, pod("p").preferredAffinity(10, term(ZONE, "app", "db")).info(), cluster());
        assertArrayEquals(new long[]{100, 100, 0}, near);
        long[] away = PluginHarness.score(plugin, pod("p").preferredAntiAffinity(10, term(ZONE, "app", "db")).info(), cluster());
        assertArrayEquals(new long[]{0, 0, 100}, away);
    }
}
