package io.tugboat.controllermanager.deployment;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scaling a Deployment in the middle of a rollout (Kubernetes' {@code scale} in {@code sync.go}): the pods to add
 * or remove are shared among the active ReplicaSets in proportion to their size, so a rollout that was 30% done
 * is still 30% done at the new size. Pure.
 *
 * <pre>
 *   replicas 10 ─▶ 20, maxSurge 3 (─▶ 5): old 8 + new 5 = 13 running, allowed 20 + 5 = 25, add 12
 *   old: 8 × 25/13 = 15.4 ─▶ 15, +7       new: 5 × 25/13 = 9.6 ─▶ 10, +5      (fractions rounded half away
 *   total 13 + 12 = 25                                                         from zero; leftovers go to the
 *                                                                              largest, newest first)
 * </pre>
 *
 * Each ReplicaSet's share is its size times {@code allowed / max-replicas annotation} (the Deployment's size plus
 * surge when the ReplicaSet was last scaled).
 */
public final class ProportionalScaling {
    private ProportionalScaling() {
    }

    /** The new size of every active ReplicaSet, by name, in the order they should be written; empty if none change. */
    public static Map<String, Integer> newSizes(Deployment d, List<ReplicaSet> active) {
        int replicas = RolloutMath.replicas(d);
        int allowed = replicas > 0 ? replicas + RolloutMath.maxSurge(d) : 0;
        int toAdd = allowed - ReplicaSetLists.specReplicas(active);
        List<ReplicaSet> sorted = new ArrayList<>(active);
        if (toAdd > 0) {
            sorted.sort(ReplicaSetLists.BY_SIZE_NEWER);
        } else if (toAdd < 0) {
            sorted.sort(ReplicaSetLists.BY_SIZE_OLDER);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int added = 0;
        for (ReplicaSet rs : sorted) {
            int proportion = toAdd == 0 ? 0 : proportion(rs, d, toAdd, added);
            sizes.put(rs.metadata().name(), ReplicaSetLists.specReplicas(rs) + proportion);
            added += proportion;
        }
        if (!sorted.isEmpty() && toAdd != 0) {
            String first = sorted.get(0).metadata().name();
            sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
        }
        return sizes;
    }

    /** Kubernetes' {@code GetProportion}: this ReplicaSet's share, capped by what is left to add or remove. */
    static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
        if (ReplicaSetLists.specReplicas(rs) == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** Kubernetes' {@code getReplicaSetFraction}. */
    static int fraction(ReplicaSet rs, Deployment d) {
        int size = ReplicaSetLists.specReplicas(rs);
        if (RolloutMath.replicas(d) == 0) {
            return -size;
        }
        int deploymentReplicas = RolloutMath.replicas(d) + RolloutMath.maxSurge(d);
        int annotated = Revisions.maxReplicas(rs);
        if (annotated < 0) {
            annotated = d.status() == null || d.status().replicas() == null ? 0 : d.status().replicas();
        }
        if (annotated == 0) {
            return 0; // Kubernetes divides by zero here (+Inf, capped by the caller); nothing sensible to share
        }
        double newSize = (double) size * deploymentReplicas / annotated;
        return (int) Math.round(Math.signum(newSize) * Math.floor(Math.abs(newSize) + 0.5)) - size;
    }
}
