package io.tugboat.controllermanager.deployment;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sorting and counting a Deployment's ReplicaSets (Kubernetes' {@code controller.ReplicaSetsByCreationTimestamp},
 * {@code deploymentutil.FindNewReplicaSet}, {@code GetReplicaCountForReplicaSets}...). Pure.
 *
 * <p>The <em>new</em> ReplicaSet is the oldest one whose template equals the Deployment's (ignoring the hash
 * label); every other one is <em>old</em>. A rollback makes an old ReplicaSet new again.
 */
public final class ReplicaSetLists {
    private ReplicaSetLists() {
    }

    /** Oldest first; ties by name. */
    public static final Comparator<ReplicaSet> BY_CREATION = Comparator
            .comparing((ReplicaSet rs) -> rs.metadata().creationTimestamp(), Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(rs -> rs.metadata().name());

    /** Largest first; ties newer first (where to add pods). */
    public static final Comparator<ReplicaSet> BY_SIZE_NEWER = Comparator
            .comparingInt((ReplicaSet rs) -> specReplicas(rs)).reversed().thenComparing(BY_CREATION.reversed());

    /** Largest first; ties older first (where to take pods from). */
    public static final Comparator<ReplicaSet> BY_SIZE_OLDER = Comparator
            .comparingInt((ReplicaSet rs) -> specReplicas(rs)).reversed().thenComparing(BY_CREATION);

    /** Lowest revision first; ties by creation. */
    public static final Comparator<ReplicaSet> BY_REVISION = Comparator
            .comparingLong(Revisions::of).thenComparing(BY_CREATION);

    /** The new ReplicaSet of {@code d} among {@code replicaSets}, or {@code null}. */
    public static ReplicaSet findNew(Deployment d, List<ReplicaSet> replicaSets) {
        return replicaSets.stream().sorted(BY_CREATION)
                .filter(rs -> TemplateHash.equalIgnoringHash(rs.spec().template(), d.spec().template()))
                .findFirst().orElse(null);
    }

    /** Every ReplicaSet but {@code newRs}. */
    public static List<ReplicaSet> old(List<ReplicaSet> replicaSets, ReplicaSet newRs) {
        List<ReplicaSet> old = new ArrayList<>();
        for (ReplicaSet rs : replicaSets) {
            if (newRs == null || !Objects.equals(rs.metadata().uid(), newRs.metadata().uid())) {
                old.add(rs);
            }
        }
        return old;
    }

    /** Those with {@code spec.replicas > 0}. */
    public static List<ReplicaSet> active(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(rs -> rs != null && specReplicas(rs) > 0).toList();
    }

    /** {@code spec.replicas}, 0 if absent. */
    public static int specReplicas(ReplicaSet rs) {
        return rs == null || rs.spec() == null || rs.spec().replicas() == null ? 0 : rs.spec().replicas();
    }

    /** Sum of {@code spec.replicas} (Kubernetes' {@code GetReplicaCountForReplicaSets}). */
    public static int specReplicas(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(Objects::nonNull).mapToInt(ReplicaSetLists::specReplicas).sum();
    }

    /** Sum of {@code status.replicas} (Kubernetes' {@code GetActualReplicaCountForReplicaSets}). */
    public static int statusReplicas(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(Objects::nonNull)
                .mapToInt(rs -> rs.status() == null || rs.status().replicas() == null ? 0 : rs.status().replicas()).sum();
    }

    /** Sum of {@code status.readyReplicas}. */
    public static int readyReplicas(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(Objects::nonNull)
                .mapToInt(rs -> rs.status() == null || rs.status().readyReplicas() == null ? 0 : rs.status().readyReplicas()).sum();
    }

    /** Sum of {@code status.availableReplicas}. */
    public static int availableReplicas(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(Objects::nonNull).mapToInt(ReplicaSetLists::available).sum();
    }

    static int available(ReplicaSet rs) {
        return rs == null || rs.status() == null || rs.status().availableReplicas() == null ? 0 : rs.status().availableReplicas();
    }

    /**
     * The pods the ReplicaSets may be running, for the surge limit: per ReplicaSet the larger of
     * {@code spec.replicas} and {@code status.replicas}. Kubernetes counts {@code spec.replicas} only; a ReplicaSet
     * just scaled down still runs its surplus pods until its controller deletes them, and counting them keeps
     * {@code replicas + maxSurge} a bound on live pods even then.
     */
    public static int podsAccountedFor(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(Objects::nonNull)
                .mapToInt(rs -> Math.max(specReplicas(rs), rs.status() == null || rs.status().replicas() == null
                        ? 0 : rs.status().replicas()))
                .sum();
    }

    /**
     * The available pods that will still be there once each ReplicaSet reaches its size, for the availability
     * floor: per ReplicaSet the smaller of {@code status.availableReplicas} and {@code spec.replicas}. Kubernetes
     * counts {@code status.availableReplicas} only, which still includes pods a ReplicaSet just scaled down is
     * about to delete.
     */
    public static int availableAfterScaling(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(Objects::nonNull)
                .mapToInt(rs -> Math.min(available(rs), specReplicas(rs))).sum();
    }
}
