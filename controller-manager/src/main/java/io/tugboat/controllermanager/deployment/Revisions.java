package io.tugboat.controllermanager.deployment;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annotations a Deployment writes on its ReplicaSets (Kubernetes' {@code deploymentutil}):
 *
 * <pre>
 *   deployment.kubernetes.io/revision           1, 2, 3... the rollout number; `kubectl rollout history` lists them
 *   deployment.kubernetes.io/revision-history   earlier revisions of a ReplicaSet that was rolled back to
 *   deployment.kubernetes.io/desired-replicas   spec.replicas of the Deployment when last scaled
 *   deployment.kubernetes.io/max-replicas       spec.replicas + maxSurge then (proportional scaling divides by it)
 * </pre>
 *
 * A ReplicaSet that becomes new again (a rollback) gets the next revision, and its earlier one moves to the
 * revision history. The Deployment's own annotations (such as {@code kubernetes.io/change-cause}) are copied to its
 * new ReplicaSet, except those above and kubectl's last-applied configuration.
 */
public final class Revisions {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Kubernetes' {@code maxRevHistoryLengthInChars} default. */
    static final int MAX_HISTORY_CHARS = 2000;
    private static final Set<String> NOT_COPIED = Set.of(REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS,
            "kubectl.kubernetes.io/last-applied-configuration", "deprecated.deployment.rollback.to");

    private Revisions() {
    }

    /** The revision of {@code rs}; 0 when it has none (or not a number). */
    public static long of(ReplicaSet rs) {
        return parse(annotation(rs.metadata().annotations(), REVISION));
    }

    /** The highest revision among {@code replicaSets}; 0 for none. */
    public static long max(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().mapToLong(Revisions::of).max().orElse(0);
    }

    /**
     * The annotations the new ReplicaSet should carry (Kubernetes' {@code SetNewReplicaSetAnnotations}): the
     * Deployment's copyable ones, the revision raised to {@code newRevision} (moving an older one to the history),
     * and for a ReplicaSet about to be created ({@code exists == false}) the replica annotations.
     */
    public static Map<String, String> forNewReplicaSet(Deployment d, Map<String, String> current, long newRevision, boolean exists) {
        Map<String, String> out = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        Map<String, String> own = d.metadata().annotations();
        if (own != null) {
            own.forEach((key, value) -> {
                if (!NOT_COPIED.contains(key)) {
                    out.put(key, value);
                }
            });
        }
        String oldRevision = out.get(REVISION);
        long old = parse(oldRevision);
        if (oldRevision != null && !oldRevision.isEmpty() && old == 0 && !"0".equals(oldRevision)) {
            return out; // an unparsable revision: leave it, as Kubernetes does
        }
        if (old < newRevision) {
            out.put(REVISION, Long.toString(newRevision));
            if (oldRevision != null) {
                String history = out.get(REVISION_HISTORY);
                String joined = history == null || history.isEmpty() ? oldRevision : history + "," + oldRevision;
                while (joined.length() > MAX_HISTORY_CHARS && joined.contains(",")) {
                    joined = joined.substring(joined.indexOf(',') + 1);
                }
                out.put(REVISION_HISTORY, joined);
            }
        }
        if (!exists) {
            out.putAll(replicasAnnotations(RolloutMath.replicas(d), RolloutMath.replicas(d) + RolloutMath.maxSurge(d)));
        }
        return out;
    }

    /** The two replica annotations for {@code desired} and {@code max}. */
    public static Map<String, String> replicasAnnotations(int desired, int max) {
        return Map.of(DESIRED_REPLICAS, Integer.toString(desired), MAX_REPLICAS, Integer.toString(max));
    }

    /** Whether {@code rs}'s replica annotations differ from {@code desired} and {@code max}. */
    public static boolean replicasAnnotationsNeedUpdate(ReplicaSet rs, int desired, int max) {
        Map<String, String> annotations = rs.metadata().annotations();
        return !Integer.toString(desired).equals(annotation(annotations, DESIRED_REPLICAS))
                || !Integer.toString(max).equals(annotation(annotations, MAX_REPLICAS));
    }

    /** The desired-replicas annotation of {@code rs}, or -1 if absent or invalid. */
    public static int desiredReplicas(ReplicaSet rs) {
        return intAnnotation(rs, DESIRED_REPLICAS);
    }

    /** The max-replicas annotation of {@code rs}, or -1 if absent or invalid. */
    public static int maxReplicas(ReplicaSet rs) {
        return intAnnotation(rs, MAX_REPLICAS);
    }

    private static int intAnnotation(ReplicaSet rs, String key) {
        String value = annotation(rs.metadata().annotations(), key);
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String annotation(Map<String, String> annotations, String key) {
        return annotations == null ? null : annotations.get(key);
    }

    private static long parse(String revision) {
        if (revision == null || revision.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
