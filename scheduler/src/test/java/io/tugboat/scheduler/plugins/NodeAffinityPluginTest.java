package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.nodeTerm;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.NodeSelectorTerm;
import io.tugboat.scheduler.Fixtures.PodBuilder;
import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.nodeaffinity.NodeAffinityPlugin;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityPluginTest {
    private static final Status NO = Status.unresolvable("node(s) didn't match Pod's node affinity/selector");
    private final NodeAffinityPlugin plugin = new NodeAffinityPlugin();

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no constraints", pod("p"), Status.SUCCESS),
                arguments("nodeSelector matches", pod("p").nodeSelector("disk", "ssd"), Status.SUCCESS),
                arguments("nodeSelector with a label the node lacks", pod("p").nodeSelector("disk", "ssd", "gpu", "yes"), NO),
                arguments("nodeSelector with another value", pod("p").nodeSelector("disk", "hdd"), NO),
                arguments("In", pod("p").requiredNodeAffinity(nodeTerm("zone", "In", "a", "b")), Status.SUCCESS),
                arguments("In, no value matches", pod("p").requiredNodeAffinity(nodeTerm("zone", "In", "b")), NO),
                arguments("NotIn", pod("p").requiredNodeAffinity(nodeTerm("zone", "NotIn", "b")), Status.SUCCESS),
                arguments("NotIn its value", pod("p").requiredNodeAffinity(nodeTerm("zone", "NotIn", "a")), NO),
                arguments("Exists", pod("p").requiredNodeAffinity(nodeTerm("disk", "Exists")), Status.SUCCESS),
                arguments("DoesNotExist", pod("p").requiredNodeAffinity(nodeTerm("gpu", "DoesNotExist")), Status.SUCCESS),
                arguments("DoesNotExist of a present label", pod("p").requiredNodeAffinity(nodeTerm("disk", "DoesNotExist")), NO),
                arguments("Gt", pod("p").requiredNodeAffinity(nodeTerm("cores", "Gt", "8")), Status.SUCCESS),
                arguments("Gt, not greater", pod("p").requiredNodeAffinity(nodeTerm("cores", "Gt", "16")), NO),
                arguments("Lt", pod("p").requiredNodeAffinity(nodeTerm("cores", "Lt", "32")), Status.SUCCESS),
                arguments("Lt, not less", pod("p").requiredNodeAffinity(nodeTerm("cores", "Lt", "16")), NO),
                arguments("terms are ORed", pod("p").requiredNodeAffinity(nodeTerm("zone", "In", "b"), nodeTerm("disk", "Exists")),
                        Status.SUCCESS),
                arguments("an empty term matches nothing", pod("p").requiredNodeAffinity(new NodeSelectorTerm(List.of(), null)), NO),
                arguments("matchFields metadata.name In this node (a DaemonSet pod)",
                        pod("p").requiredNodeAffinity(fieldTerm("metadata.name", "In", "n")), Status.SUCCESS),
                arguments("matchFields metadata.name In another node",
                        pod("p").requiredNodeAffinity(fieldTerm("metadata.name", "In", "other")), NO),
                arguments("matchFields and matchExpressions of one term are ANDed",
                        pod("p").requiredNodeAffinity(new NodeSelectorTerm(
                                List.of(new NodeSelectorRequirement("zone", "In", List.of("b"))),
                                List.of(new NodeSelectorRequirement("metadata.name", "In", List.of("n"))))), NO),
                arguments("nodeSelector and affinity must both match",
                        pod("p").nodeSelector("disk", "hdd").requiredNodeAffinity(nodeTerm("zone", "In", "a")), NO));
    }

    private static NodeSelectorTerm fieldTerm(String key, String operator, String... values) {
        return new NodeSelectorTerm(null, List.of(new NodeSelectorRequirement(key, operator, List.of(values))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filterAppliesNodeSelectorAndRequiredAffinity(String name, PodBuilder pod, Status expected) {
        assertEquals(expected, PluginHarness.filter(plugin, pod.info(),
                node("n").label("disk", "ssd").label("zone", "a").label("cores", "16").info()));
    }

    @Test
    void scoreSumsTheWeightsOfMatchingPreferredTermsScaledToTheBest() {
        long[] scores = PluginHarness.score(plugin,
                pod("p").preferredNodeAffinity(30, nodeTerm("disk", "In", "ssd"))
                        .preferredNodeAffinity(10, nodeTerm("zone", "In", "a")).info(),
                node("both").label("disk", "ssd").label("zone", "a").info(),
                node("ssd").label("disk", "ssd").info(),
                node("zone").label("zone", "a").info(),
                node("none").info());
        assertArrayEquals(new long[]{100, 75, 25, 0}, scores);
    }
}
