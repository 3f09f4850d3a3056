package io.tugboat.controllermanager.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.api.Codec;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.controllermanager.history.ControllerHistory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Node eligibility as Kubernetes' {@code NodeShouldRunDaemonPod} decides it, and the shape of a daemon pod. */
class DaemonPodsTest {

    static Stream<Arguments> nodes() {
        return Stream.of(
                arguments("a plain node", "{}", "{}", true, true),
                arguments("nodeSelector matches", "{nodeSelector: {disk: ssd}}", "{labels: {disk: ssd}}", true, true),
                arguments("nodeSelector does not match", "{nodeSelector: {disk: ssd}}", "{labels: {disk: hdd}}", false, false),
                arguments("required affinity by label matches", affinity("matchExpressions", "zone", "In", "a"),
                        "{labels: {zone: a}}", true, true),
                arguments("required affinity by label does not match", affinity("matchExpressions", "zone", "In", "a"),
                        "{labels: {zone: b}}", false, false),
                arguments("required affinity by node name matches", affinity("matchFields", "metadata.name", "In", "n1"),
                        "{}", true, true),
                arguments("required affinity by node name, another node", affinity("matchFields", "metadata.name", "In", "n2"),
                        "{}", false, false),
                arguments("template nodeName is another node", "{nodeName: n2}", "{}", false, false),
                arguments("template nodeName is this node", "{nodeName: n1}", "{}", true, true),
                arguments("NoSchedule taint not tolerated: no new pod, the running one stays", "{}",
                        taint("dedicated", "NoSchedule"), false, true),
                arguments("NoExecute taint not tolerated: neither", "{}", taint("dedicated", "NoExecute"), false, false),
                arguments("PreferNoSchedule taint is no obstacle", "{}", taint("dedicated", "PreferNoSchedule"), true, true),
                arguments("tolerated taint", "{tolerations: [{key: dedicated, operator: Exists}]}",
                        taint("dedicated", "NoSchedule"), true, true),
                arguments("not-ready NoExecute is tolerated by every daemon", "{}",
                        taint("node.kubernetes.io/not-ready", "NoExecute"), true, true),
                arguments("unreachable NoExecute is tolerated by every daemon", "{}",
                        taint("node.kubernetes.io/unreachable", "NoExecute"), true, true),
                arguments("cordoned: unschedulable NoSchedule is tolerated", "{}",
                        taint("node.kubernetes.io/unschedulable", "NoSchedule"), true, true),
                arguments("disk pressure is tolerated", "{}", taint("node.kubernetes.io/disk-pressure", "NoSchedule"), true, true),
                arguments("memory pressure is tolerated", "{}", taint("node.kubernetes.io/memory-pressure", "NoSchedule"), true, true),
                arguments("pid pressure is tolerated", "{}", taint("node.kubernetes.io/pid-pressure", "NoSchedule"), true, true),
                arguments("not-ready NoSchedule is not a daemon toleration", "{}",
                        taint("node.kubernetes.io/not-ready", "NoSchedule"), false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void decidesWhetherANodeRunsTheDaemon(String name, String podSpec, String node, boolean shouldRun, boolean keep)
            throws Exception {
        DaemonPods.Eligibility eligibility = DaemonPods.eligibility(ds(podSpec), node("n1", node));
        assertEquals(new DaemonPods.Eligibility(shouldRun, keep), eligibility);
    }

    @Test
    void aDaemonPodIsPinnedToItsNodeCarriesTheRevisionAndTheDaemonTolerations() throws Exception {
        DaemonSet ds = ds("{nodeSelector: {disk: ssd}, tolerations: [{key: dedicated, operator: Exists}]}");
        Pod pod = DaemonPods.newPod(ds, new OwnerReference("apps/v1", "DaemonSet", "agent", "uid-1", true, true), "n7", "abc");

        assertEquals("n7", DaemonPods.targetNode(pod));
        assertEquals(null, pod.spec().nodeName(), "the scheduler binds it");
        assertEquals("abc", pod.metadata().labels().get(ControllerHistory.HASH_LABEL));
        assertEquals("3", pod.metadata().labels().get(DaemonPods.TEMPLATE_GENERATION_LABEL));
        assertEquals("agent", pod.metadata().labels().get("app"));
        assertEquals("agent-", pod.metadata().generateName());
        assertEquals(7, pod.spec().tolerations().size(), () -> "own + 6 daemon tolerations: " + pod.spec().tolerations());
        assertTrue(pod.spec().tolerations().stream().anyMatch(t -> "node.kubernetes.io/unreachable".equals(t.key())
                && "NoExecute".equals(t.effect()) && t.tolerationSeconds() == null));
        assertTrue(DaemonPods.isUpdated(pod, "abc", 99L));
        assertTrue(DaemonPods.isUpdated(pod, "other", 3L), "the template generation also marks an updated pod");
    }

    private static String affinity(String kind, String key, String op, String value) {
        return "{affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{"
                + kind + ": [{key: " + key + ", operator: " + op + ", values: [" + value + "]}]}]}}}}";
    }

    private static String taint(String key, String effect) {
        return "{taints: [{key: " + key + ", effect: " + effect + "}]}";
    }

    static DaemonSet ds(String podSpecYaml) throws Exception {
        String spec = podSpecYaml.substring(1, podSpecYaml.length() - 1);
        String yaml = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: default, uid: uid-1, generation: 3}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: c, image: busybox}]%s}
                """.formatted(spec.isBlank() ? "" : ", " + spec);
        return Codec.fromYaml(yaml, DaemonSet.class).value();
    }

    static Node node(String name, String nodeYaml) throws Exception {
        String body = nodeYaml.substring(1, nodeYaml.length() - 1);
        String labels = body.startsWith("labels") ? body : "";
        String taints = body.startsWith("taints") ? body : "";
        String yaml = "apiVersion: v1\nkind: Node\nmetadata: {name: " + name + (labels.isEmpty() ? "" : ", " + labels)
                + "}\nspec: {" + taints + "}\n";
        return Codec.fromYaml(yaml, Node.class).value();
    }
}
