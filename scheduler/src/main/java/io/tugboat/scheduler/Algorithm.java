package io.tugboat.scheduler;

import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FitError;
import io.tugboat.scheduler.framework.Framework;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Snapshot;
import io.tugboat.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The pure core of the scheduler: given a pod and a frozen {@link Snapshot}, pick a node. No I/O, no cache, no
 * queue — {@link Scheduler} does those. As kube-scheduler's {@code schedulePod}:
 * <ol>
 *   <li>PreFilter; a rejection there rejects every node.</li>
 *   <li>Filter nodes, starting where the previous cycle stopped (round-robin, so every node gets looked at) and
 *       stopping once {@link Framework#numFeasibleNodesToFind} feasible nodes are found.</li>
 *   <li>One feasible node: take it. Several: score them and take the best, breaking ties at random.</li>
 * </ol>
 * Used by the one scheduling thread only (it remembers where to start filtering next).
 */
public final class Algorithm {
    private final Framework framework;
    private final RandomGenerator random;
    private int nextStartNodeIndex;

    public Algorithm(Framework framework, RandomGenerator random) {
        this.framework = framework;
        this.random = random;
    }

    public Decision decide(PodInfo pod, Snapshot snapshot) {
        List<NodeInfo> nodes = snapshot.nodes();
        int all = nodes.size();
        if (all == 0) {
            return new Decision.NoFit(new FitError(0, null, Map.of()));
        }
        CycleState state = new CycleState();
        Status pre = framework.runPreFilter(state, pod, snapshot);
        if (pre.isRejection()) {
            return new Decision.NoFit(new FitError(all, pre, Map.of()));
        }
        if (!pre.isSuccess()) {
            return new Decision.Failed(pre);
        }
        int wanted = framework.numFeasibleNodesToFind(all);
        List<NodeInfo> feasible = new ArrayList<>(Math.min(wanted, all));
        Map<String, Status> rejected = new HashMap<>();
        int processed = 0;
        for (int i = 0; i < all && feasible.size() < wanted; i++) {
            NodeInfo node = nodes.get((nextStartNodeIndex + i) % all);
            processed++;
            Status s = framework.runFilter(state, pod, node);
            if (s.isSuccess()) {
                feasible.add(node);
            } else if (s.isRejection()) {
                rejected.put(node.name(), s);
            } else {
                return new Decision.Failed(s);
            }
        }
        nextStartNodeIndex = (nextStartNodeIndex + processed) % all;
        if (feasible.isEmpty()) {
            return new Decision.NoFit(new FitError(all, null, rejected));
        }
        if (feasible.size() == 1 || !framework.hasScorers()) {
            return new Decision.Placed(feasible.get(0).name(), processed, feasible.size());
        }
        long[] scores = framework.runScore(state, pod, feasible, snapshot);
        return new Decision.Placed(feasible.get(selectHost(scores)).name(), processed, feasible.size());
    }

    /** The index of the highest score; among equal highest scores, each is equally likely (reservoir sampling). */
    int selectHost(long[] scores) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
                ties = 1;
            } else if (scores[i] == scores[best]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return best;
    }
}
