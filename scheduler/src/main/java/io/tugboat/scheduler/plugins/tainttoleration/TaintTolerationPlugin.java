package io.tugboat.scheduler.plugins.tainttoleration;

import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.ScorePlugin;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.framework.Taints;
import java.util.List;

/**
 * Taints repel pods that do not tolerate them. Filter: a {@code NoSchedule} or {@code NoExecute} taint the pod
 * does not tolerate rules the node out. Score: the fewer untolerated {@code PreferNoSchedule} taints, the better
 * (only tolerations with no effect or {@code PreferNoSchedule} count, as in Kubernetes).
 */
public final class TaintTolerationPlugin implements FilterPlugin, ScorePlugin {
    public static final String NAME = "TaintToleration";

    public static TaintTolerationPlugin create(Handle handle) {
        return new TaintTolerationPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        Taint untolerated = Taints.firstUntolerated(taints(node), pod.pod().spec().tolerations(),
                t -> Taints.NO_SCHEDULE.equals(t.effect()) || Taints.NO_EXECUTE.equals(t.effect()));
        return untolerated == null ? Status.SUCCESS : Status.unresolvable(Taints.untoleratedReason(untolerated));
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        if (taints(node).isEmpty()) {
            return 0;
        }
        List<Toleration> preferNoSchedule = pod.pod().spec().tolerations() == null ? List.of()
                : pod.pod().spec().tolerations().stream()
                .filter(t -> t.effect() == null || t.effect().isEmpty() || Taints.PREFER_NO_SCHEDULE.equals(t.effect()))
                .toList();
        long count = 0;
        for (Taint t : taints(node)) {
            if (Taints.PREFER_NO_SCHEDULE.equals(t.effect()) && !Taints.tolerated(preferNoSchedule, t)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        ScorePlugin.defaultNormalize(scores, true);
    }

    private static List<Taint> taints(NodeInfo node) {
        return node.node().spec() == null || node.node().spec().taints() == null ? List.of() : node.node().spec().taints();
    }
}
