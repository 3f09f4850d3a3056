package io.tugboat.api.apps;

import java.time.Instant;

/**
 * A StatefulSet condition.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 StatefulSetCondition; absent fields are {@code null}.
 */
public record StatefulSetCondition(
        String type,
        String status,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
