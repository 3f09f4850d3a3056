package io.tugboat.scheduler.plugins.balancedallocation;

import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.PreScorePlugin;
import io.tugboat.scheduler.framework.Resources;
import io.tugboat.scheduler.framework.ScorePlugin;
import io.tugboat.scheduler.framework.Snapshot;
import io.tugboat.scheduler.framework.Status;
import java.util.List;

/**
 * Prefers nodes whose CPU and memory would be used in the same proportion after placing the pod, so that no node
 * ends up with CPU left and no memory (or the reverse). As Kubernetes' {@code NodeResourcesBalancedAllocation}:
 * with {@code f} the requested share of each resource (capped at 1), the score is {@code (1 − |f_cpu − f_mem| / 2)
 * × 100} — one minus the standard deviation of the two shares. Uses real requests (no defaults); a pod that
 * requests nothing is not scored.
 */
public final class BalancedAllocationPlugin implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";

    public static BalancedAllocationPlugin create(Handle handle) {
        return new BalancedAllocationPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes, Snapshot snapshot) {
        return pod.requests().equals(Resources.ZERO) ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Resources requested = node.requested().plus(pod.requests());
        Resources capacity = node.allocatable();
        if (capacity.milliCpu() == 0 || capacity.memory() == 0) {
            // Kubernetes leaves out a resource the node does not have; with one (or none) left, the deviation is 0.
            return MAX_NODE_SCORE;
        }
        double cpu = Math.min(1.0, (double) requested.milliCpu() / capacity.milliCpu());
        double memory = Math.min(1.0, (double) requested.memory() / capacity.memory());
        double std = Math.abs(cpu - memory) / 2;
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }
}
