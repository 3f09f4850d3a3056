package io.tugboat.api.apps;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Observed replicas and revisions of a StatefulSet.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 StatefulSetStatus; absent fields are {@code null}.
 */
public record StatefulSetStatus(
        Long observedGeneration,
        Integer replicas,
        Integer readyReplicas,
        Integer currentReplicas,
        Integer updatedReplicas,
        String currentRevision,
        String updateRevision,
        Integer collisionCount,
        List<StatefulSetCondition> conditions,
        Integer availableReplicas) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public StatefulSetStatus {
        conditions = Copies.list(conditions);
    }

    public StatefulSetStatus withObservedGeneration(Long observedGeneration) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withReplicas(Integer replicas) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withReadyReplicas(Integer readyReplicas) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withCurrentReplicas(Integer currentReplicas) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withUpdatedReplicas(Integer updatedReplicas) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withCurrentRevision(String currentRevision) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withUpdateRevision(String updateRevision) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withCollisionCount(Integer collisionCount) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withConditions(List<StatefulSetCondition> conditions) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }

    public StatefulSetStatus withAvailableReplicas(Integer availableReplicas) {
        return new StatefulSetStatus(observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, collisionCount, conditions, availableReplicas);
    }
}
