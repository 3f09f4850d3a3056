package io.tugboat.scheduler.plugins.nodename;

import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Status;

/**
 * A pod that names its node in {@code spec.nodeName} fits only there. (Such pods normally never reach the
 * scheduler, which only takes pods without a node; the filter is kept for completeness, as in Kubernetes.)
 */
public final class NodeNamePlugin implements FilterPlugin {
    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    public static NodeNamePlugin create(Handle handle) {
        return new NodeNamePlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        String wanted = pod.nodeName();
        return wanted == null || wanted.isEmpty() || wanted.equals(node.name()) ? Status.SUCCESS : Status.unresolvable(REASON);
    }
}
