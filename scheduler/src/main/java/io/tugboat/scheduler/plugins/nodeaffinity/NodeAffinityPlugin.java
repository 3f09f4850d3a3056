package io.tugboat.scheduler.plugins.nodeaffinity;

import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.ScorePlugin;
import io.tugboat.scheduler.framework.Status;

/**
 * {@code nodeSelector} and node affinity. Filter: the node's labels must satisfy the nodeSelector and one of the
 * required affinity terms ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}, {@code Gt},
 * {@code Lt}; see {@link io.tugboat.scheduler.framework.NodeAffinityMatcher}). Score: the sum of the weights of
 * the preferred terms the node matches, scaled so the best node gets 100.
 */
public final class NodeAffinityPlugin implements FilterPlugin, ScorePlugin {
    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    public static NodeAffinityPlugin create(Handle handle) {
        return new NodeAffinityPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return pod.nodeAffinity().matchesRequired(node.labels(), node.name()) ? Status.SUCCESS : Status.unresolvable(REASON);
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return pod.nodeAffinity().preferredScore(node.labels(), node.name());
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        ScorePlugin.defaultNormalize(scores, false);
    }
}
