package io.tugboat.controllermanager.replicaset;

import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetCondition;
import io.tugboat.api.apps.ReplicaSetStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.controllermanager.common.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ReplicaSet's status from the pods it owns, as Kubernetes' {@code calculateStatus} computes it. Pure.
 *
 * <pre>
 *   replicas              active pods owned (not finished, not being deleted)
 *   fullyLabeledReplicas  of those, the ones carrying every label of the template
 *   readyReplicas         of those, Ready=True
 *   availableReplicas     of those, ready for minReadySeconds
 *   observedGeneration    the generation this status was computed for
 *   ReplicaFailure        True with reason FailedCreate / FailedDelete while creating or deleting fails
 * </pre>
 */
public final class ReplicaSetStatuses {
    /** The condition type reporting failed creates or deletes. */
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    private ReplicaSetStatuses() {
    }

    /**
     * The status of {@code rs} given its active owned pods and the outcome of this pass's creates/deletes.
     *
     * @param manageError the failure of this pass's creates or deletes, or {@code null}
     * @param diff        active pods minus desired replicas in this pass (its sign names the failure's reason)
     */
    public static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> pods, Exception manageError, int diff, Instant now) {
        Map<String, String> templateLabels = rs.spec().template() == null || rs.spec().template().metadata() == null
                ? null : rs.spec().template().metadata().labels();
        int minReadySeconds = rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : pods) {
            Map<String, String> labels = pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
            if (templateLabels == null || labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (Pods.isReady(pod)) {
                ready++;
                if (Pods.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        List<ReplicaSetCondition> conditions = new ArrayList<>();
        ReplicaSetCondition failure = null;
        if (rs.status() != null && rs.status().conditions() != null) {
            for (ReplicaSetCondition condition : rs.status().conditions()) {
                if (REPLICA_FAILURE.equals(condition.type())) {
                    failure = condition;
                } else {
                    conditions.add(condition);
                }
            }
        }
        if (manageError != null) {
            String reason = diff < 0 ? "FailedCreate" : "FailedDelete";
            String message = manageError.getMessage();
            boolean same = failure != null && "True".equals(failure.status()) && reason.equals(failure.reason())
                    && Objects.equals(message, failure.message());
            conditions.add(same ? failure : new ReplicaSetCondition(REPLICA_FAILURE, "True", now, reason, message));
        }
        Long generation = rs.metadata().generation();
        return new ReplicaSetStatus(pods.size(), fullyLabeled, ready, available, generation,
                conditions.isEmpty() ? null : conditions);
    }

    /** Whether writing {@code next} would change anything over {@code current}. */
    public static boolean differs(ReplicaSetStatus current, ReplicaSetStatus next) {
        if (current == null) {
            return true;
        }
        List<ReplicaSetCondition> currentConditions = current.conditions() == null || current.conditions().isEmpty()
                ? null : current.conditions();
        return !Objects.equals(zero(current.replicas()), zero(next.replicas()))
                || !Objects.equals(zero(current.fullyLabeledReplicas()), zero(next.fullyLabeledReplicas()))
                || !Objects.equals(zero(current.readyReplicas()), zero(next.readyReplicas()))
                || !Objects.equals(zero(current.availableReplicas()), zero(next.availableReplicas()))
                || !Objects.equals(current.observedGeneration(), next.observedGeneration())
                || !Objects.equals(currentConditions, next.conditions());
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
