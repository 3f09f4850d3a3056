package io.tugboat.api.apps;

import java.time.Instant;

/**
 * A ReplicaSet condition, such as ReplicaFailure.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 ReplicaSetCondition; absent fields are {@code null}.
 */
public record ReplicaSetCondition(
        String type,
        String status,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
