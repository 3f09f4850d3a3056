package io.tugboat.api.meta;

import java.time.Instant;

/**
 * The standard condition shape (metav1.Condition) used by newer APIs.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 Condition; absent fields are {@code null}.
 */
public record Condition(
        String type,
        String status,
        Long observedGeneration,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
