package io.tugboat.scheduler.framework;

import io.tugboat.api.core.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A profile made runnable: the plugin instances of each extension point, in order, with their score weights.
 * Runs one extension point at a time for the scheduling algorithm; knows nothing of queues, caches or the API.
 *
 * <pre>
 *   PreFilter (once) ─► Filter (per node) ─► PreScore (once) ─► Score (per feasible node) ─► normalize × weight
 *     ─► PreBind ─► Bind
 * </pre>
 * A plugin enabled for Filter runs its PreFilter and PreBind too when it has them; likewise Score and PreScore.
 */
public final class Framework {
    private final String schedulerName;
    private final List<FilterPlugin> filters;
    private final List<ScorePlugin> scorers;
    private final long[] weights;
    private final List<BindPlugin> binders;
    private final List<PreBindPlugin> preBinders;
    private final int percentageOfNodesToScore;

    /**
     * @param filters                  the filter plugins, in the order they run
     * @param scorers                  score plugins with their weights, in order
     * @param binders                  bind plugins, tried in order until one does not SKIP
     * @param percentageOfNodesToScore 0 for Kubernetes' adaptive percentage, else 1-100
     */
    public Framework(String schedulerName, List<FilterPlugin> filters, Map<ScorePlugin, Integer> scorers,
                     List<BindPlugin> binders, int percentageOfNodesToScore) {
        this.schedulerName = Objects.requireNonNull(schedulerName);
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers.keySet());
        this.weights = scorers.values().stream().mapToLong(Integer::longValue).toArray();
        this.binders = List.copyOf(binders);
        this.preBinders = filters.stream().filter(PreBindPlugin.class::isInstance).map(PreBindPlugin.class::cast).toList();
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore must be 0 (adaptive) to 100: " + percentageOfNodesToScore);
        }
        this.percentageOfNodesToScore = percentageOfNodesToScore;
    }

    public String schedulerName() {
        return schedulerName;
    }

    /** The names of the filter, score and bind plugins, for the startup log line. */
    public String describe() {
        List<String> scores = new ArrayList<>();
        for (int i = 0; i < scorers.size(); i++) {
            scores.add(scorers.get(i).name() + "×" + weights[i]);
        }
        return "filter " + filters.stream().map(Plugin::name).toList() + ", score " + scores
                + ", bind " + binders.stream().map(Plugin::name).toList();
    }

    /**
     * Runs every PreFilter. Returns SUCCESS, or the first rejection (which then applies to all nodes) or error.
     * Plugins answering SKIP are remembered in {@code state} and their Filter is not called.
     */
    public Status runPreFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        for (FilterPlugin f : filters) {
            if (f instanceof PreFilterPlugin pf) {
                Status s = pf.preFilter(state, pod, snapshot);
                if (s.isSkip()) {
                    state.skipFilter(f.name());
                } else if (!s.isSuccess()) {
                    return s;
                }
            }
        }
        return Status.SUCCESS;
    }

    /** Runs the filters on one node; the first plugin that does not answer SUCCESS decides. */
    public Status runFilter(CycleState state, PodInfo pod, NodeInfo node) {
        for (FilterPlugin f : filters) {
            if (state.filterSkipped(f.name())) {
                continue;
            }
            Status s = f.filter(state, pod, node);
            if (!s.isSuccess()) {
                return s;
            }
        }
        return Status.SUCCESS;
    }

    /**
     * Scores the feasible nodes: PreScore, then each plugin's raw scores, normalized, times its weight, summed.
     *
     * @return the total per node, in the order of {@code nodes}
     * @throws IllegalStateException if a PreScore fails (a bug: our PreScores can't fail otherwise)
     */
    public long[] runScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, Snapshot snapshot) {
        long[] total = new long[nodes.size()];
        long[] scores = new long[nodes.size()];
        for (int p = 0; p < scorers.size(); p++) {
            ScorePlugin scorer = scorers.get(p);
            if (scorer instanceof PreScorePlugin ps) {
                Status s = ps.preScore(state, pod, nodes, snapshot);
                if (s.isSkip()) {
                    continue;
                }
                if (!s.isSuccess()) {
                    throw new IllegalStateException(scorer.name() + " PreScore failed: " + s.message());
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                scores[i] = scorer.score(state, pod, nodes.get(i));
            }
            scorer.normalize(state, pod, scores);
            for (int i = 0; i < nodes.size(); i++) {
                total[i] += scores[i] * weights[p];
            }
        }
        return total;
    }

    /** Runs every PreBind, then binds with the first bind plugin that does not SKIP. */
    public Status runBind(Pod pod, String nodeName) {
        for (PreBindPlugin p : preBinders) {
            Status s = p.preBind(pod, nodeName);
            if (!s.isSuccess() && !s.isSkip()) {
                return s;
            }
        }
        for (BindPlugin b : binders) {
            Status s = b.bind(pod, nodeName);
            if (!s.isSkip()) {
                return s;
            }
        }
        return Status.error("no bind plugin bound the pod");
    }

    public boolean hasScorers() {
        return !scorers.isEmpty();
    }

    /**
     * How many feasible nodes to look for before stopping the filter pass, as Kubernetes'
     * {@code numFeasibleNodesToFind}: every node in clusters under 100 nodes; otherwise the configured percentage,
     * or adaptively {@code 50% − nodes/125} (at least 5%), and never fewer than 100 nodes. At 1,000 nodes that is
     * 420; at 5,000, 250. Finding "enough" good nodes instead of all of them is what keeps a cycle's cost from
     * growing with the cluster.
     */
    public int numFeasibleNodesToFind(int allNodes) {
        final int minFeasibleNodes = 100;
        final int minPercentage = 5;
        if (allNodes < minFeasibleNodes) {
            return allNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage == 0) {
            percentage = Math.max(minPercentage, 50 - allNodes / 125);
        }
        int n = (int) ((long) allNodes * percentage / 100);
        return Math.max(n, minFeasibleNodes);
    }
}
