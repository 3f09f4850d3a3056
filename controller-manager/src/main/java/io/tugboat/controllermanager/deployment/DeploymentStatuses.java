package io.tugboat.controllermanager.deployment;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentCondition;
import io.tugboat.api.apps.DeploymentStatus;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets, and how its rollout is progressing (Kubernetes' {@code calculateStatus},
 * {@code syncRolloutStatus}, {@code DeploymentComplete}, {@code DeploymentProgressing}, {@code DeploymentTimedOut}).
 * Pure: the time is a parameter.
 *
 * <pre>
 *   replicas             Σ status.replicas            updatedReplicas   status.replicas of the new ReplicaSet
 *   readyReplicas        Σ status.readyReplicas       availableReplicas Σ status.availableReplicas
 *   unavailableReplicas  Σ spec.replicas - available (not below 0)
 *
 *   Progressing, while a rollout runs:
 *     complete  (updated = replicas = available = spec.replicas, generation observed) ─▶ NewReplicaSetAvailable
 *     progress  (more updated / fewer old / more ready / more available than before)  ─▶ ReplicaSetUpdated, now
 *     neither, and lastUpdateTime + progressDeadlineSeconds has passed                 ─▶ ProgressDeadlineExceeded
 * </pre>
 */
public final class DeploymentStatuses {
    private DeploymentStatuses() {
    }

    /** Counts and the Available condition (Kubernetes' {@code calculateStatus}). */
    public static DeploymentStatus calculate(List<ReplicaSet> all, ReplicaSet newRs, Deployment d, Instant now) {
        int available = ReplicaSetLists.availableReplicas(all);
        int unavailable = Math.max(0, ReplicaSetLists.specReplicas(all) - available);
        DeploymentStatus old = d.status();
        DeploymentStatus status = new DeploymentStatus(d.metadata().generation(), ReplicaSetLists.statusReplicas(all),
                newRs == null ? 0 : ReplicaSetLists.statusReplicas(List.of(newRs)), ReplicaSetLists.readyReplicas(all),
                available, unavailable, old == null ? null : old.conditions(), old == null ? null : old.collisionCount());
        if (available >= RolloutMath.replicas(d) - RolloutMath.maxUnavailable(d)) {
            return DeploymentConditions.set(status, DeploymentConditions.of(DeploymentConditions.AVAILABLE, "True",
                    DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE, "Deployment has minimum availability.", now));
        }
        return DeploymentConditions.set(status, DeploymentConditions.of(DeploymentConditions.AVAILABLE, "False",
                DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE, "Deployment does not have minimum availability.", now));
    }

    /** The status after a rollout step, with Progressing and ReplicaFailure (Kubernetes' {@code syncRolloutStatus}). */
    public static DeploymentStatus rollout(List<ReplicaSet> all, ReplicaSet newRs, Deployment d, Instant now) {
        DeploymentStatus status = calculate(all, newRs, d, now);
        if (!hasProgressDeadline(d)) {
            status = DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
        }
        DeploymentCondition current = DeploymentConditions.get(d.status(), DeploymentConditions.PROGRESSING);
        boolean completeBefore = status.replicas().equals(status.updatedReplicas()) && current != null
                && DeploymentConditions.NEW_RS_AVAILABLE.equals(current.reason());
        if (hasProgressDeadline(d) && !completeBefore) {
            String name = newRs == null ? "" : newRs.metadata().name();
            if (complete(d, status)) {
                status = DeploymentConditions.set(status, DeploymentConditions.of(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.NEW_RS_AVAILABLE, "ReplicaSet \"" + name + "\" has successfully progressed.", now));
            } else if (progressing(d, status)) {
                DeploymentCondition next = DeploymentConditions.of(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.RS_UPDATED, "ReplicaSet \"" + name + "\" is progressing.", now);
                // Progress moves lastUpdateTime even when the reason stays: that is what the deadline counts from.
                if (current != null) {
                    if ("True".equals(current.status())) {
                        next = new DeploymentCondition(next.type(), next.status(), now, current.lastTransitionTime(),
                                next.reason(), next.message());
                    }
                    status = DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
                }
                status = DeploymentConditions.set(status, next);
            } else if (timedOut(d, status, now)) {
                status = DeploymentConditions.set(status, DeploymentConditions.of(DeploymentConditions.PROGRESSING, "False",
                        DeploymentConditions.TIMED_OUT, "ReplicaSet \"" + name + "\" has timed out progressing.", now));
            }
        }
        Optional<DeploymentCondition> failure = replicaFailure(all, newRs);
        status = failure.isPresent() ? DeploymentConditions.set(status, failure.get())
                : DeploymentConditions.remove(status, DeploymentConditions.REPLICA_FAILURE);
        return status;
    }

    /** Every replica updated and available, none old, and this generation observed. */
    public static boolean complete(Deployment d, DeploymentStatus status) {
        int replicas = RolloutMath.replicas(d);
        return zero(status.updatedReplicas()) == replicas && zero(status.replicas()) == replicas
                && zero(status.availableReplicas()) == replicas
                && status.observedGeneration() != null && d.metadata().generation() != null
                && status.observedGeneration() >= d.metadata().generation();
    }

    /** Something moved since the stored status. */
    static boolean progressing(Deployment d, DeploymentStatus status) {
        DeploymentStatus old = d.status() == null ? new DeploymentStatus(null, 0, 0, 0, 0, 0, null, null) : d.status();
        int oldOld = zero(old.replicas()) - zero(old.updatedReplicas());
        int newOld = zero(status.replicas()) - zero(status.updatedReplicas());
        return zero(status.updatedReplicas()) > zero(old.updatedReplicas()) || newOld < oldOld
                || zero(status.readyReplicas()) > zero(old.readyReplicas())
                || zero(status.availableReplicas()) > zero(old.availableReplicas());
    }

    /** The Progressing condition was last updated more than the deadline ago (or has already timed out). */
    static boolean timedOut(Deployment d, DeploymentStatus status, Instant now) {
        if (!hasProgressDeadline(d)) {
            return false;
        }
        DeploymentCondition condition = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        if (condition == null || DeploymentConditions.NEW_RS_AVAILABLE.equals(condition.reason())) {
            return false;
        }
        if (DeploymentConditions.TIMED_OUT.equals(condition.reason())) {
            return true;
        }
        Instant from = condition.lastUpdateTime();
        return from != null && from.plusSeconds(d.spec().progressDeadlineSeconds()).isBefore(now);
    }

    /**
     * When to look again at a rollout that made no progress, so that it times out without an event to wake it
     * (Kubernetes' {@code requeueStuckDeployment}); empty when nothing is pending.
     */
    public static Optional<Duration> untilDeadline(Deployment d, DeploymentStatus status, Instant now) {
        DeploymentCondition current = DeploymentConditions.get(d.status(), DeploymentConditions.PROGRESSING);
        if (!hasProgressDeadline(d) || current == null || current.lastUpdateTime() == null
                || complete(d, status) || DeploymentConditions.TIMED_OUT.equals(current.reason())) {
            return Optional.empty();
        }
        Duration after = Duration.between(now, current.lastUpdateTime().plusSeconds(d.spec().progressDeadlineSeconds()));
        // Just past the deadline, one more second makes "isBefore(now)" true.
        return Optional.of(after.isNegative() ? Duration.ofSeconds(1) : after.plusSeconds(1));
    }

    /** Whether the Deployment has a progress deadline (absent or the maximum int means none). */
    public static boolean hasProgressDeadline(Deployment d) {
        Integer seconds = d.spec().progressDeadlineSeconds();
        return seconds != null && seconds != Integer.MAX_VALUE;
    }

    /** The ReplicaFailure of the new ReplicaSet, else of any old one, as a Deployment condition. */
    private static Optional<DeploymentCondition> replicaFailure(List<ReplicaSet> all, ReplicaSet newRs) {
        List<ReplicaSet> order = new ArrayList<>();
        if (newRs != null) {
            order.add(newRs);
        }
        all.stream().filter(Objects::nonNull).forEach(order::add);
        for (ReplicaSet rs : order) {
            if (rs.status() == null || rs.status().conditions() == null) {
                continue;
            }
            for (ReplicaSetCondition c : rs.status().conditions()) {
                if (DeploymentConditions.REPLICA_FAILURE.equals(c.type())) {
                    return Optional.of(new DeploymentCondition(c.type(), c.status(), c.lastTransitionTime(),
                            c.lastTransitionTime(), c.reason(), c.message()));
                }
            }
        }
        return Optional.empty();
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
