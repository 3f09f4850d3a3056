package io.tugboat.scheduler.plugins.noderesources;

import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Resources;
import io.tugboat.scheduler.framework.ScorePlugin;
import io.tugboat.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Does the pod fit in what is left of the node? Filter: one more pod must stay within {@code allocatable.pods},
 * and the pod's CPU and memory requests (see {@link Resources#requestsOf}) within allocatable minus what the
 * node's pods — bound or assumed — already request. Every shortfall is a reason ({@code Insufficient cpu},
 * {@code Insufficient memory}, {@code Too many pods}). Score, the {@code LeastAllocated} strategy: the more of
 * the node stays free after placing the pod, the better, CPU and memory weighing the same, so pods spread out.
 */
public final class NodeResourcesFitPlugin implements FilterPlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesFit";

    public static NodeResourcesFitPlugin create(Handle handle) {
        return new NodeResourcesFitPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<String> reasons = new ArrayList<>(3);
        if (node.pods().size() + 1 > node.allowedPodNumber()) {
            reasons.add("Too many pods");
        }
        Resources want = pod.requests();
        Resources free = node.allocatable().minus(node.requested());
        if (want.milliCpu() > 0 && want.milliCpu() > free.milliCpu()) {
            reasons.add("Insufficient cpu");
        }
        if (want.memory() > 0 && want.memory() > free.memory()) {
            reasons.add("Insufficient memory");
        }
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Resources requested = node.nonZeroRequested().plus(pod.nonZeroRequests());
        Resources capacity = node.allocatable();
        return (leastRequested(requested.milliCpu(), capacity.milliCpu()) + leastRequested(requested.memory(), capacity.memory())) / 2;
    }

    /** Kubernetes' {@code leastRequestedScore}: the free share of the resource, 0-100. */
    static long leastRequested(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_NODE_SCORE / capacity;
    }
}
