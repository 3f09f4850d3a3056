package io.tugboat.scheduler.plugins.nodeready;

import io.tugboat.api.core.Taint;
import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.framework.Taints;

/**
 * Keeps pods off nodes that are not Ready, the way Kubernetes does it: through taints. In Kubernetes the node
 * lifecycle controller taints a node {@code node.kubernetes.io/not-ready:NoSchedule} while its Ready condition
 * is False (or missing) and {@code node.kubernetes.io/unreachable:NoSchedule} while it is Unknown, and
 * TaintToleration filters it; there is no separate plugin. This one reads the condition and judges the taint the
 * controller would set, so the outcome (and the message) is the same even before the controller has acted, and a
 * pod that tolerates the taint may still land there, exactly as in Kubernetes.
 */
public final class NodeReadyPlugin implements FilterPlugin {
    public static final String NAME = "NodeReady";

    public static NodeReadyPlugin create(Handle handle) {
        return new NodeReadyPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if ("True".equals(node.readyStatus())) {
            return Status.SUCCESS;
        }
        Taint implied = impliedTaint(node.readyStatus());
        if (implied == null || Taints.tolerated(pod.pod().spec().tolerations(), implied)) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(Taints.untoleratedReason(implied));
    }

    /** The NoSchedule taint Kubernetes' node lifecycle controller sets for this Ready status, or {@code null}. */
    static Taint impliedTaint(String ready) {
        if ("True".equals(ready)) {
            return null;
        }
        return new Taint("Unknown".equals(ready) ? Taints.UNREACHABLE : Taints.NOT_READY, null, Taints.NO_SCHEDULE, null);
    }
}
