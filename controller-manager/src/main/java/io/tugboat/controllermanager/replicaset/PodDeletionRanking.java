package io.tugboat.controllermanager.replicaset;

import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.controllermanager.common.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a ReplicaSet deletes first when it has too many: the cheapest to lose, as Kubernetes'
 * {@code ActivePodsWithRanks} orders them. Each rule breaks the ties of the one before:
 *
 * <ol>
 *   <li>not yet scheduled before scheduled (nothing runs yet);</li>
 *   <li>Pending before Unknown before Running;</li>
 *   <li>not ready before ready;</li>
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} annotation before higher;</li>
 *   <li>doubled up before alone: more pods of the same ReplicaSet on its node first (spreads what is left);</li>
 *   <li>ready for less time before ready for longer;</li>
 *   <li>more container restarts before fewer;</li>
 *   <li>newer before older.</li>
 * </ol>
 *
 * Kubernetes compares ready and creation times on a logarithmic scale with a random tie-break
 * (LogarithmicScaleDown); Tugboat compares them exactly, so the choice is deterministic. "Same node" counts the
 * pods of this ReplicaSet only, where Kubernetes also counts those of its sibling ReplicaSets.
 */
public final class PodDeletionRanking {
    /** The annotation users set to say which pods to delete first. */
    public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private PodDeletionRanking() {
    }

    /** The first {@code count} pods of {@code pods} in deletion order. */
    public static List<Pod> podsToDelete(List<Pod> pods, int count) {
        List<Pod> ranked = rank(pods);
        return List.copyOf(ranked.subList(0, Math.min(count, ranked.size())));
    }

    /** {@code pods} sorted first-to-delete first. */
    public static List<Pod> rank(List<Pod> pods) {
        Map<String, Integer> perNode = new HashMap<>();
        for (Pod pod : pods) {
            String node = nodeName(pod);
            if (!node.isEmpty()) {
                perNode.merge(node, 1, Integer::sum);
            }
        }
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(order(pod -> nodeName(pod).isEmpty() ? 0 : perNode.getOrDefault(nodeName(pod), 0)));
        return sorted;
    }

    /** The order, given how many pods of the set share each pod's node. */
    static Comparator<Pod> order(java.util.function.ToIntFunction<Pod> podsOnSameNode) {
        return Comparator.<Pod, Boolean>comparing(pod -> !nodeName(pod).isEmpty())
                .thenComparingInt(PodDeletionRanking::phaseOrdinal)
                .thenComparing(Pods::isReady)
                .thenComparingInt(PodDeletionRanking::deletionCost)
                .thenComparing(podsOnSameNode::applyAsInt, Comparator.reverseOrder())
                .thenComparing(PodDeletionRanking::readySinceIfReady, newerFirst())
                .thenComparing(PodDeletionRanking::maxRestarts, Comparator.reverseOrder())
                .thenComparing(pod -> pod.metadata().creationTimestamp(), newerFirst());
    }

    /** Later instants first; a missing one (never set) before all. */
    private static Comparator<Instant> newerFirst() {
        return Comparator.nullsFirst(Comparator.<Instant>reverseOrder());
    }

    private static Instant readySinceIfReady(Pod pod) {
        return Pods.isReady(pod) ? Pods.readySince(pod) : null;
    }

    private static String nodeName(Pod pod) {
        return pod.spec() == null || pod.spec().nodeName() == null ? "" : pod.spec().nodeName();
    }

    private static int phaseOrdinal(Pod pod) {
        String phase = pod.status() == null ? null : pod.status().phase();
        if ("Running".equals(phase)) {
            return 2;
        }
        return "Unknown".equals(phase) ? 1 : 0; // Pending, or no status yet
    }

    private static int deletionCost(Pod pod) {
        Map<String, String> annotations = pod.metadata().annotations();
        String cost = annotations == null ? null : annotations.get(DELETION_COST);
        if (cost == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cost.trim());
        } catch (NumberFormatException e) {
            return 0; // the API server rejects such values in Kubernetes; ignore one that slipped through
        }
    }

    private static int maxRestarts(Pod pod) {
        int max = 0;
        if (pod.status() != null && pod.status().containerStatuses() != null) {
            for (ContainerStatus status : pod.status().containerStatuses()) {
                if (status != null && status.restartCount() != null) {
                    max = Math.max(max, status.restartCount());
                }
            }
        }
        return max;
    }
}
