package io.tugboat.controllermanager.daemonset;

import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.core.Affinity;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAffinity;
import io.tugboat.api.core.NodeSelector;
import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.NodeSelectorTerm;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import io.tugboat.api.labels.Operator;
import io.tugboat.api.labels.Requirement;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.controllermanager.history.ControllerHistory;
import io.tugboat.controllermanager.nodelifecycle.NodeTaints;
import io.tugboat.controllermanager.nodelifecycle.Tolerations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which nodes a DaemonSet's pods belong on, and what such a pod looks like (Kubernetes'
 * {@code NodeShouldRunDaemonPod}, {@code util.AddOrUpdateDaemonPodTolerations} and
 * {@code ReplaceDaemonSetPodNodeNameNodeAffinity}).
 *
 * <pre>
 *   the template's nodeName set, and not this node     ─▶ neither run nor keep running
 *   nodeSelector or required node affinity don't match ─▶ neither
 *   a NoSchedule/NoExecute taint not tolerated         ─▶ don't start one here
 *   a NoExecute taint not tolerated                    ─▶ and stop the one running here
 * </pre>
 *
 * Taints are judged with the daemon tolerations added: a daemon keeps running on a node that turns not-ready or
 * unreachable, and is not kept off a cordoned node or one under disk, memory or PID pressure. The pod is created
 * with a required node affinity to exactly its node ({@code matchFields metadata.name In [node]}) and left to the
 * scheduler to bind, so resources and ports are checked as for any pod.
 */
public final class DaemonPods {
    /** The template generation a pod was stamped from (Kubernetes' {@code DaemonSetTemplateGenerationKey}). */
    public static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";

    /** What a node means for a DaemonSet. */
    public record Eligibility(boolean shouldRun, boolean shouldContinueRunning) {
        static final Eligibility NEITHER = new Eligibility(false, false);
    }

    private DaemonPods() {
    }

    /** The tolerations every daemon pod gets, on top of its template's. */
    public static List<Toleration> daemonTolerations() {
        return List.of(
                new Toleration(NodeTaints.NOT_READY, "Exists", null, NodeTaints.NO_EXECUTE, null),
                new Toleration(NodeTaints.UNREACHABLE, "Exists", null, NodeTaints.NO_EXECUTE, null),
                new Toleration(NodeTaints.DISK_PRESSURE, "Exists", null, NodeTaints.NO_SCHEDULE, null),
                new Toleration(NodeTaints.MEMORY_PRESSURE, "Exists", null, NodeTaints.NO_SCHEDULE, null),
                new Toleration(NodeTaints.PID_PRESSURE, "Exists", null, NodeTaints.NO_SCHEDULE, null),
                new Toleration(NodeTaints.UNSCHEDULABLE, "Exists", null, NodeTaints.NO_SCHEDULE, null));
    }

    /** Whether the DaemonSet's pods belong on {@code node}: the table above. */
    public static Eligibility eligibility(DaemonSet ds, Node node) {
        PodSpec spec = ds.spec().template().spec();
        String nodeName = node.metadata().name();
        if (spec.nodeName() != null && !spec.nodeName().isEmpty() && !spec.nodeName().equals(nodeName)) {
            return Eligibility.NEITHER;
        }
        Map<String, String> labels = node.metadata().labels() == null ? Map.of() : node.metadata().labels();
        if (!matchesNodeSelector(spec, labels, nodeName)) {
            return Eligibility.NEITHER;
        }
        List<Toleration> tolerations = withDaemonTolerations(spec.tolerations());
        List<Taint> taints = node.spec() == null || node.spec().taints() == null ? List.of() : node.spec().taints();
        boolean run = true;
        boolean keep = true;
        for (Taint taint : taints) {
            boolean hard = NodeTaints.NO_SCHEDULE.equals(taint.effect()) || NodeTaints.NO_EXECUTE.equals(taint.effect());
            if (!hard || tolerations.stream().anyMatch(t -> Tolerations.tolerates(t, taint))) {
                continue;
            }
            run = false;
            if (NodeTaints.NO_EXECUTE.equals(taint.effect())) {
                keep = false;
            }
        }
        return new Eligibility(run, keep);
    }

    /** nodeSelector AND (some required term matches), as the scheduler's NodeAffinity filter judges. */
    static boolean matchesNodeSelector(PodSpec spec, Map<String, String> labels, String nodeName) {
        if (spec.nodeSelector() != null && !Selector.of(spec.nodeSelector(), null).matches(labels)) {
            return false;
        }
        NodeAffinity affinity = spec.affinity() == null ? null : spec.affinity().nodeAffinity();
        NodeSelector required = affinity == null ? null : affinity.requiredDuringSchedulingIgnoredDuringExecution();
        if (required == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = required.nodeSelectorTerms() == null ? List.of() : required.nodeSelectorTerms();
        for (NodeSelectorTerm term : terms) {
            if (termMatches(term, labels, nodeName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, String nodeName) {
        boolean noExpressions = term.matchExpressions() == null || term.matchExpressions().isEmpty();
        boolean noFields = term.matchFields() == null || term.matchFields().isEmpty();
        if (noExpressions && noFields) {
            return false; // an empty term matches no node
        }
        try {
            return Selector.of(null, requirements(term.matchExpressions())).matches(labels)
                    && Selector.of(null, requirements(term.matchFields())).matches(Map.of("metadata.name", nodeName));
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    private static List<Requirement> requirements(List<NodeSelectorRequirement> list) {
        List<Requirement> out = new ArrayList<>();
        for (NodeSelectorRequirement r : list == null ? List.<NodeSelectorRequirement>of() : list) {
            out.add(new Requirement(r.key(), Operator.fromApiName(r.operator()),
                    r.values() == null ? Set.of() : Set.copyOf(r.values())));
        }
        return out;
    }

    /** {@code tolerations} plus each daemon toleration not already there. */
    static List<Toleration> withDaemonTolerations(List<Toleration> tolerations) {
        List<Toleration> out = tolerations == null ? new ArrayList<>() : new ArrayList<>(tolerations);
        for (Toleration daemon : daemonTolerations()) {
            boolean present = out.stream().anyMatch(t -> Objects.equals(t.key(), daemon.key())
                    && Objects.equals(t.effect(), daemon.effect()) && "Exists".equals(t.operator()));
            if (!present) {
                out.add(daemon);
            }
        }
        return out;
    }

    /**
     * The pod for {@code nodeName}: the template, labelled with the revision hash and template generation,
     * controlled by the DaemonSet, with the daemon tolerations and a required affinity to the node.
     */
    public static Pod newPod(DaemonSet ds, OwnerReference ref, String nodeName, String hash) {
        PodTemplateSpec template = ds.spec().template();
        ObjectMeta t = template.metadata();
        Map<String, String> labels = t == null || t.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(t.labels());
        labels.put(ControllerHistory.HASH_LABEL, hash);
        if (ds.metadata().generation() != null) {
            labels.put(TEMPLATE_GENERATION_LABEL, String.valueOf(ds.metadata().generation()));
        }
        ObjectMeta meta = new ObjectMeta(null, ds.metadata().name() + "-", ds.metadata().namespace(), null, null, null,
                null, null, null, null, labels, t == null ? null : t.annotations(), List.of(ref),
                t == null ? null : t.finalizers());
        PodSpec spec = template.spec()
                .withTolerations(withDaemonTolerations(template.spec().tolerations()))
                .withAffinity(affinityTo(template.spec().affinity(), nodeName));
        return Pod.of(meta, spec, null);
    }

    /** {@code affinity} whose required node terms are replaced by the one term selecting {@code nodeName}. */
    static Affinity affinityTo(Affinity affinity, String nodeName) {
        NodeSelectorTerm term = new NodeSelectorTerm(null,
                List.of(new NodeSelectorRequirement("metadata.name", "In", List.of(nodeName))));
        NodeAffinity old = affinity == null ? null : affinity.nodeAffinity();
        NodeAffinity nodeAffinity = new NodeAffinity(new NodeSelector(List.of(term)),
                old == null ? null : old.preferredDuringSchedulingIgnoredDuringExecution());
        return affinity == null ? new Affinity(nodeAffinity, null, null)
                : new Affinity(nodeAffinity, affinity.podAffinity(), affinity.podAntiAffinity());
    }

    /**
     * The node a daemon pod is for: its {@code nodeName} once bound, before that the node its required affinity
     * names (Kubernetes' {@code GetTargetNodeName}); {@code null} if neither.
     */
    public static String targetNode(Pod pod) {
        if (pod.spec() == null) {
            return null;
        }
        if (pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty()) {
            return pod.spec().nodeName();
        }
        Affinity affinity = pod.spec().affinity();
        NodeSelector required = affinity == null || affinity.nodeAffinity() == null ? null
                : affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
        if (required == null || required.nodeSelectorTerms() == null) {
            return null;
        }
        for (NodeSelectorTerm term : required.nodeSelectorTerms()) {
            for (NodeSelectorRequirement field : term.matchFields() == null ? List.<NodeSelectorRequirement>of() : term.matchFields()) {
                if ("metadata.name".equals(field.key()) && "In".equals(field.operator())
                        && field.values() != null && field.values().size() == 1) {
                    return field.values().get(0);
                }
            }
        }
        return null;
    }

    /** Whether {@code pod} was stamped from the revision {@code hash} or the DaemonSet's current generation. */
    public static boolean isUpdated(Pod pod, String hash, Long generation) {
        Map<String, String> labels = pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
        boolean hashMatches = hash != null && hash.equals(labels.get(ControllerHistory.HASH_LABEL));
        boolean generationMatches = generation != null
                && String.valueOf(generation).equals(labels.get(TEMPLATE_GENERATION_LABEL));
        return hashMatches || generationMatches;
    }
}
