package io.tugboat.scheduler.plugins.nodeunschedulable;

import io.tugboat.api.core.Taint;
import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.framework.Taints;

/**
 * Keeps pods off cordoned nodes ({@code spec.unschedulable: true}, what {@code kubectl cordon} sets), unless the
 * pod tolerates the {@code node.kubernetes.io/unschedulable:NoSchedule} taint (DaemonSet pods do).
 */
public final class NodeUnschedulablePlugin implements FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";
    private static final Taint CORDONED = new Taint(Taints.UNSCHEDULABLE, null, Taints.NO_SCHEDULE, null);

    public static NodeUnschedulablePlugin create(Handle handle) {
        return new NodeUnschedulablePlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        boolean cordoned = node.node().spec() != null && Boolean.TRUE.equals(node.node().spec().unschedulable());
        if (!cordoned || Taints.tolerated(pod.pod().spec().tolerations(), CORDONED)) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(REASON);
    }
}
