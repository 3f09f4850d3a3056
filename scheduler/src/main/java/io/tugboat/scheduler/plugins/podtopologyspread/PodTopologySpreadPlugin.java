package io.tugboat.scheduler.plugins.podtopologyspread;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads a group of pods over topology domains (nodes, zones).
 *
 * <h2>Filter ({@code whenUnsatisfiable: DoNotSchedule})</h2>
 * PreFilter counts the group's pods per domain, over the nodes the pod could go to (matching its nodeSelector and
 * required node affinity, and carrying every constraint's key). A node passes when placing the pod there keeps
 * the skew within bounds:
 * <pre>
 *   zone a: 3 pods   zone b: 1 pod   zone c: 2 pods      maxSkew 1
 *   node in a: 3 + 1 − 1 = 3 > 1   rejected
 *   node in b: 1 + 1 − 1 = 1 ≤ 1   fits
 *   node in c: 2 + 1 − 1 = 2 > 1   rejected
 * </pre>
 * (count in the node's domain + 1 if the pod itself belongs to the group − the smallest count of any domain).
 * A node without the constraint's label is rejected as unresolvable.
 *
 * <h2>Score ({@code ScheduleAnyway}, and the system defaults)</h2>
 * Fewer group pods in a node's domain score higher: each constraint adds {@code count × log(domains + 2) +
 * maxSkew − 1}, and the totals are inverted into {@code [0, 100]}. A pod without constraints of its own that
 * belongs to a ReplicaSet or StatefulSet gets Kubernetes' default constraints (see {@link Constraint#defaults}),
 * which is why replicas spread over nodes by default.
 */
public final class PodTopologySpreadPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "PodTopologySpread";
    public static final String REASON = "node(s) didn't match pod topology spread constraints";
    public static final String MISSING_LABEL_REASON = "node(s) didn't match pod topology spread constraints (missing required label)";
    private static final String FILTER_KEY = "PreFilter" + NAME;
    private static final String SCORE_KEY = "PreScore" + NAME;

    private record FilterState(List<Constraint> constraints, List<Map<String, Integer>> counts, int[] minMatch) {
    }

    private record ScoreState(List<Constraint> constraints, List<Map<String, Integer>> counts, double[] weights,
                              boolean requireAllTopologies) {
    }

    public static PodTopologySpreadPlugin create(Handle handle) {
        return new PodTopologySpreadPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        List<Constraint> hard = Constraint.of(pod).stream().filter(Constraint::hard).toList();
        if (hard.isEmpty()) {
            return Status.SKIP;
        }
        List<Map<String, Integer>> counts = new ArrayList<>();
        hard.forEach(c -> counts.add(new HashMap<>()));
        for (NodeInfo node : snapshot.nodes()) {
            if (!pod.nodeAffinity().matchesRequired(node.labels(), node.name()) || !Constraint.hasAllKeys(node, hard)) {
                continue;
            }
            for (int i = 0; i < hard.size(); i++) {
                counts.get(i).merge(hard.get(i).domainOf(node), hard.get(i).countOn(node), Integer::sum);
            }
        }
        int[] min = new int[hard.size()];
        for (int i = 0; i < hard.size(); i++) {
            min[i] = counts.get(i).values().stream().mapToInt(Integer::intValue).min().orElse(0);
        }
        state.write(FILTER_KEY, new FilterState(hard, counts, min));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.read(FILTER_KEY);
        for (int i = 0; i < s.constraints().size(); i++) {
            Constraint c = s.constraints().get(i);
            String domain = c.domainOf(node);
            if (domain == null) {
                return Status.unresolvable(MISSING_LABEL_REASON);
            }
            int self = c.selects().test(pod) ? 1 : 0;
            int skew = s.counts().get(i).getOrDefault(domain, 0) + self - s.minMatch()[i];
            if (skew > c.maxSkew()) {
                return Status.unschedulable(REASON);
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes, Snapshot snapshot) {
        List<Constraint> own = Constraint.of(pod);
        List<Constraint> soft = own.stream().filter(c -> !c.hard()).toList();
        if (soft.isEmpty()) {
            return Status.SKIP;
        }
        // Kubernetes ignores nodes missing a key of the pod's own constraints, but not of the system defaults
        // (a cluster without zones still spreads over hostnames).
        boolean requireAll = pod.pod().spec().topologySpreadConstraints() != null
                && !pod.pod().spec().topologySpreadConstraints().isEmpty();
        List<Map<String, Integer>> counts = new ArrayList<>();
        double[] weights = new double[soft.size()];
        for (int i = 0; i < soft.size(); i++) {
            Constraint c = soft.get(i);
            Map<String, Integer> domainCounts = new HashMap<>();
            for (NodeInfo node : feasibleNodes) {
                if (c.domainOf(node) != null && (!requireAll || Constraint.hasAllKeys(node, soft))) {
                    domainCounts.put(c.domainOf(node), 0);
                }
            }
            weights[i] = Math.log(domainCounts.size() + 2);
            // Hostname domains are single nodes: count them in score(). Other domains span nodes beyond the
            // feasible ones, so count every eligible node of the cluster.
            if (!c.topologyKey().equals(Constraint.HOSTNAME)) {
                for (NodeInfo node : snapshot.nodes()) {
                    String domain = c.domainOf(node);
                    if (domain != null && domainCounts.containsKey(domain)
                            && pod.nodeAffinity().matchesRequired(node.labels(), node.name())
                            && (!requireAll || Constraint.hasAllKeys(node, soft))) {
                        domainCounts.merge(domain, c.countOn(node), Integer::sum);
                    }
                }
            }
            counts.add(domainCounts);
        }
        state.write(SCORE_KEY, new ScoreState(soft, counts, weights, requireAll));
        return Status.SUCCESS;
    }

    /** Raw score; -1 marks a node ignored for lack of a topology label (normalized to 0). */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        ScoreState s = state.read(SCORE_KEY);
        if (s.requireAllTopologies() && !Constraint.hasAllKeys(node, s.constraints())) {
            return -1;
        }
        double score = 0;
        for (int i = 0; i < s.constraints().size(); i++) {
            Constraint c = s.constraints().get(i);
            String domain = c.domainOf(node);
            if (domain == null) {
                continue;
            }
            int count = c.topologyKey().equals(Constraint.HOSTNAME) ? c.countOn(node) : s.counts().get(i).getOrDefault(domain, 0);
            score += count * s.weights()[i] + (c.maxSkew() - 1);
        }
        return Math.round(score);
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long s : scores) {
            if (s >= 0) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < 0) {
                scores[i] = 0;
            } else {
                scores[i] = max == 0 ? MAX_NODE_SCORE : MAX_NODE_SCORE * (max + min - scores[i]) / max;
            }
        }
    }
}
