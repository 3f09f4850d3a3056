package io.tugboat.scheduler.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a pod fits no node, in Kubernetes' words: {@code 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had
 * untolerated taint {dedicated: db}.} — each reason counted over the nodes that gave it, sorted as strings, as
 * kube-scheduler's {@code FitError.Error()}. Kubernetes then appends what preemption tried
 * ({@code preemption: 0/3 nodes are available: ...}); Tugboat has no preemption, so its message ends there.
 *
 * @param allNodes      how many nodes the snapshot had
 * @param preFilter     a PreFilter's rejection that applies to every node, or {@code null}
 * @param nodeStatuses  the rejection of each node the filters ran on
 */
public record FitError(int allNodes, Status preFilter, Map<String, Status> nodeStatuses) {

    /** True when no node rejected the pod for a reason that removing pods could fix (preemption would not help). */
    public boolean unresolvable() {
        if (preFilter != null) {
            return preFilter.code() == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        }
        return nodeStatuses.values().stream().allMatch(s -> s.code() == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    }

    /** The PodScheduled condition's message and the FailedScheduling event's. */
    public String message() {
        if (allNodes == 0) {
            return "no nodes available to schedule pods";
        }
        StringBuilder msg = new StringBuilder("0/").append(allNodes).append(" nodes are available:");
        if (preFilter != null) {
            msg.append(' ').append(preFilter.message()).append('.');
            return msg.toString();
        }
        Map<String, Integer> histogram = new TreeMap<>();
        for (Status s : nodeStatuses.values()) {
            for (String reason : s.reasons()) {
                histogram.merge(reason, 1, Integer::sum);
            }
        }
        List<String> counted = new ArrayList<>();
        histogram.forEach((reason, count) -> counted.add(count + " " + reason));
        counted.sort(null); // as Go's sort.Strings over "count reason": "10 x" sorts before "2 y"
        if (!counted.isEmpty()) {
            msg.append(' ').append(String.join(", ", counted)).append('.');
        }
        return msg.toString();
    }
}
