package io.tugboat.scheduler.framework;

import java.util.List;

/**
 * PreScore: runs once per cycle, after filtering, with the nodes that passed, to precompute what
 * {@link ScorePlugin#score} needs (counts per topology domain, say).
 *
 * <p>Contract: returns {@link Status#SUCCESS}, {@link Status#SKIP} when the plugin has no opinion about this pod
 * (its {@code score} is then not called and every node gets 0 from it), or {@link Status.Code#ERROR}.
 */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes, Snapshot snapshot);
}
