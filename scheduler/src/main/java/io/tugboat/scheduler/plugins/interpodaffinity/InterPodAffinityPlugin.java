package io.tugboat.scheduler.plugins.interpodaffinity;

import io.tugboat.scheduler.framework.AffinityTerm;
import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.PreFilterPlugin;
import io.tugboat.scheduler.framework.PreScorePlugin;
import io.tugboat.scheduler.framework.ScorePlugin;
import io.tugboat.scheduler.framework.Snapshot;
import io.tugboat.scheduler.framework.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod affinity and anti-affinity: place a pod near (or away from) pods with some labels, "near" meaning in the
 * same topology domain — same node ({@code kubernetes.io/hostname}), same zone, any node label.
 *
 * <h2>Filter</h2>
 * PreFilter counts, once per cycle, matching pods per domain ({@link TopologyPair}); the filter then only looks
 * the node's domains up. A node is rejected when
 * <ol>
 *   <li>one of the pod's required affinity terms has no matching pod in the node's domain — unless no pod matches
 *       anywhere and the pod matches its own terms (the first replica of a group that wants to be together);</li>
 *   <li>one of its required anti-affinity terms has a matching pod in the node's domain;</li>
 *   <li>a pod already running has a required anti-affinity term matching this pod, in the node's domain
 *       (anti-affinity is symmetric).</li>
 * </ol>
 *
 * <h2>Score</h2>
 * Each preferred term that matches a pod adds (affinity) or subtracts (anti-affinity) its weight to the domain of
 * that pod's node, both for the incoming pod's terms and, symmetrically, for terms of pods already placed; required
 * affinity terms of placed pods add 1 ({@code hardPodAffinityWeight}). A node scores the sum over its domains,
 * rescaled so the lowest gets 0 and the highest 100.
 */
public final class InterPodAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "InterPodAffinity";
    public static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
    public static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
    public static final String EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";
    private static final String FILTER_KEY = "PreFilter" + NAME;
    private static final String SCORE_KEY = "PreScore" + NAME;
    private static final long HARD_POD_AFFINITY_WEIGHT = 1;

    /** What PreFilter counted. */
    private record Counts(Map<TopologyPair, Integer> existingAntiAffinity, Map<TopologyPair, Integer> affinity,
                          Map<TopologyPair, Integer> antiAffinity) {
    }

    public static InterPodAffinityPlugin create(Handle handle) {
        return new InterPodAffinityPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        Map<TopologyPair, Integer> existing = new HashMap<>();
        for (NodeInfo node : snapshot.havePodsWithRequiredAntiAffinity()) {
            for (PodInfo other : node.podsWithRequiredAntiAffinity()) {
                for (AffinityTerm t : other.requiredAntiAffinity()) {
                    count(existing, t, node, t.matches(pod));
                }
            }
        }
        Map<TopologyPair, Integer> affinity = new HashMap<>();
        Map<TopologyPair, Integer> anti = new HashMap<>();
        if (!pod.requiredAffinity().isEmpty() || !pod.requiredAntiAffinity().isEmpty()) {
            for (NodeInfo node : snapshot.nodes()) {
                for (PodInfo other : node.pods()) {
                    boolean matchesAll = !pod.requiredAffinity().isEmpty()
                            && pod.requiredAffinity().stream().allMatch(t -> t.matches(other));
                    for (AffinityTerm t : pod.requiredAffinity()) {
                        count(affinity, t, node, matchesAll);
                    }
                    for (AffinityTerm t : pod.requiredAntiAffinity()) {
                        count(anti, t, node, t.matches(other));
                    }
                }
            }
        }
        if (existing.isEmpty() && pod.requiredAffinity().isEmpty() && pod.requiredAntiAffinity().isEmpty()) {
            return Status.SKIP;
        }
        state.write(FILTER_KEY, new Counts(existing, affinity, anti));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        Counts counts = state.read(FILTER_KEY);
        if (!satisfiesAffinity(pod, counts.affinity(), node)) {
            return Status.unresolvable(AFFINITY_REASON);
        }
        for (AffinityTerm t : pod.requiredAntiAffinity()) {
            if (counts.antiAffinity().getOrDefault(pair(t, node), 0) > 0) {
                return Status.unschedulable(ANTI_AFFINITY_REASON);
            }
        }
        for (Map.Entry<TopologyPair, Integer> e : counts.existingAntiAffinity().entrySet()) {
            if (e.getKey().value().equals(node.labels().get(e.getKey().key()))) {
                return Status.unschedulable(EXISTING_ANTI_AFFINITY_REASON);
            }
        }
        return Status.SUCCESS;
    }

    private static boolean satisfiesAffinity(PodInfo pod, Map<TopologyPair, Integer> counts, NodeInfo node) {
        boolean allFound = true;
        for (AffinityTerm t : pod.requiredAffinity()) {
            if (!node.labels().containsKey(t.topologyKey())) {
                return false; // a node without the topology label never satisfies affinity
            }
            allFound &= counts.getOrDefault(pair(t, node), 0) > 0;
        }
        if (allFound) {
            return true;
        }
        // Nobody matches anywhere: the first pod of a self-affine group may go anywhere its terms' keys exist.
        return counts.isEmpty() && pod.requiredAffinity().stream().allMatch(t -> t.matches(pod));
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes, Snapshot snapshot) {
        boolean hasPreferred = !pod.preferredAffinity().isEmpty() || !pod.preferredAntiAffinity().isEmpty();
        List<NodeInfo> nodes = hasPreferred ? snapshot.nodes() : snapshot.havePodsWithAffinity();
        Map<TopologyPair, Long> scores = new HashMap<>();
        for (NodeInfo node : nodes) {
            for (PodInfo other : hasPreferred ? node.pods() : node.podsWithAffinity()) {
                for (AffinityTerm t : pod.preferredAffinity()) {
                    add(scores, t, node, t.matches(other), t.weight());
                }
                for (AffinityTerm t : pod.preferredAntiAffinity()) {
                    add(scores, t, node, t.matches(other), -t.weight());
                }
                for (AffinityTerm t : other.preferredAffinity()) {
                    add(scores, t, node, t.matches(pod), t.weight());
                }
                for (AffinityTerm t : other.preferredAntiAffinity()) {
                    add(scores, t, node, t.matches(pod), -t.weight());
                }
                for (AffinityTerm t : other.requiredAffinity()) {
                    add(scores, t, node, t.matches(pod), HARD_POD_AFFINITY_WEIGHT);
                }
            }
        }
        if (scores.isEmpty()) {
            return Status.SKIP;
        }
        state.write(SCORE_KEY, scores);
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Map<TopologyPair, Long> scores = state.read(SCORE_KEY);
        long sum = 0;
        for (Map.Entry<TopologyPair, Long> e : scores.entrySet()) {
            if (e.getKey().value().equals(node.labels().get(e.getKey().key()))) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max > min ? MAX_NODE_SCORE * (scores[i] - min) / (max - min) : 0;
        }
    }

    private static TopologyPair pair(AffinityTerm t, NodeInfo node) {
        String value = node.labels().get(t.topologyKey());
        return value == null ? null : new TopologyPair(t.topologyKey(), value);
    }

    private static void count(Map<TopologyPair, Integer> counts, AffinityTerm t, NodeInfo node, boolean matches) {
        TopologyPair p = matches ? pair(t, node) : null;
        if (p != null) {
            counts.merge(p, 1, Integer::sum);
        }
    }

    private static void add(Map<TopologyPair, Long> scores, AffinityTerm t, NodeInfo node, boolean matches, long weight) {
        TopologyPair p = matches ? pair(t, node) : null;
        if (p != null) {
            scores.merge(p, weight, Long::sum);
        }
    }
}
