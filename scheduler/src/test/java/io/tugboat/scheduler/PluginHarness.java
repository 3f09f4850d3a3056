package io.tugboat.scheduler;

import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.PreFilterPlugin;
import io.tugboat.scheduler.framework.PreScorePlugin;
import io.tugboat.scheduler.framework.ScorePlugin;
import io.tugboat.scheduler.framework.Snapshot;
import io.tugboat.scheduler.framework.Status;
import java.util.List;

/** Runs one plugin the way the framework does, for the plugins' table tests. */
public final class PluginHarness {
    private PluginHarness() {
    }

    /** PreFilter (over {@code cluster}) then Filter on {@code cluster[index]}; a SKIPped filter counts as SUCCESS. */
    public static Status filter(FilterPlugin plugin, PodInfo pod, int index, NodeInfo... cluster) {
        CycleState state = new CycleState();
        if (plugin instanceof PreFilterPlugin pf) {
            Status pre = pf.preFilter(state, pod, Snapshot.of(cluster));
            if (pre.isSkip()) {
                return Status.SUCCESS;
            }
            if (!pre.isSuccess()) {
                return pre;
            }
        }
        return plugin.filter(state, pod, cluster[index]);
    }

    /** Filter on a one-node cluster. */
    public static Status filter(FilterPlugin plugin, PodInfo pod, NodeInfo node) {
        return filter(plugin, pod, 0, node);
    }

    /** PreScore, Score and normalize over all {@code nodes} (all feasible); a SKIPped score gives zeros. */
    public static long[] score(ScorePlugin plugin, PodInfo pod, NodeInfo... nodes) {
        return score(plugin, pod, true, nodes);
    }

    /** The raw scores, before normalization. */
    public static long[] rawScore(ScorePlugin plugin, PodInfo pod, NodeInfo... nodes) {
        return score(plugin, pod, false, nodes);
    }

    private static long[] score(ScorePlugin plugin, PodInfo pod, boolean normalize, NodeInfo... nodes) {
        CycleState state = new CycleState();
        long[] scores = new long[nodes.length];
        if (plugin instanceof PreScorePlugin ps && ps.preScore(state, pod, List.of(nodes), Snapshot.of(nodes)).isSkip()) {
            return scores;
        }
        for (int i = 0; i < nodes.length; i++) {
            scores[i] = plugin.score(state, pod, nodes[i]);
        }
        if (normalize) {
            plugin.normalize(state, pod, scores);
        }
        return scores;
    }
}
