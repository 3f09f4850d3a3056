package io.tugboat.api.apps;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Observed replica counts.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 ReplicaSetStatus; absent fields are {@code null}.
 */
public record ReplicaSetStatus(
        Integer replicas,
        Integer fullyLabeledReplicas,
        Integer readyReplicas,
        Integer availableReplicas,
        Long observedGeneration,
        List<ReplicaSetCondition> conditions) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ReplicaSetStatus {
        conditions = Copies.list(conditions);
    }

    public ReplicaSetStatus withReplicas(Integer replicas) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions);
    }

    public ReplicaSetStatus withFullyLabeledReplicas(Integer fullyLabeledReplicas) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions);
    }

    public ReplicaSetStatus withReadyReplicas(Integer readyReplicas) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions);
    }

    public ReplicaSetStatus withAvailableReplicas(Integer availableReplicas) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions);
    }

    public ReplicaSetStatus withObservedGeneration(Long observedGeneration) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions);
    }

    public ReplicaSetStatus withConditions(List<ReplicaSetCondition> conditions) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions);
    }
}
