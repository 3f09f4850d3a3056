package io.tugboat.api.apps;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Observed rollout progress; {@code kubectl rollout status} reads it.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DeploymentStatus; absent fields are {@code null}.
 */
public record DeploymentStatus(
        Long observedGeneration,
        Integer replicas,
        Integer updatedReplicas,
        Integer readyReplicas,
        Integer availableReplicas,
        Integer unavailableReplicas,
        List<DeploymentCondition> conditions,
        Integer collisionCount) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public DeploymentStatus {
        conditions = Copies.list(conditions);
    }

    public DeploymentStatus withObservedGeneration(Long observedGeneration) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }

    public DeploymentStatus withReplicas(Integer replicas) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }

    public DeploymentStatus withUpdatedReplicas(Integer updatedReplicas) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }

    public DeploymentStatus withReadyReplicas(Integer readyReplicas) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }

    public DeploymentStatus withAvailableReplicas(Integer availableReplicas) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }

    public DeploymentStatus withUnavailableReplicas(Integer unavailableReplicas) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }

    public DeploymentStatus withConditions(List<DeploymentCondition> conditions) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }

    public DeploymentStatus withCollisionCount(Integer collisionCount) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount);
    }
}
