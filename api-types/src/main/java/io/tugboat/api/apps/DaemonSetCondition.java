package io.tugboat.api.apps;

import java.time.Instant;

/**
 * A DaemonSet condition.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DaemonSetCondition; absent fields are {@code null}.
 */
public record DaemonSetCondition(
        String type,
        String status,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
