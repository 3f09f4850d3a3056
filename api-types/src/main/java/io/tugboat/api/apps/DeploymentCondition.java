package io.tugboat.api.apps;

import java.time.Instant;

/**
 * Available, Progressing or ReplicaFailure.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DeploymentCondition; absent fields are {@code null}.
 */
public record DeploymentCondition(
        String type,
        String status,
        Instant lastUpdateTime,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
