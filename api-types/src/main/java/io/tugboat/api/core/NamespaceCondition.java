package io.tugboat.api.core;

import java.time.Instant;

/**
 * A condition of a namespace being deleted.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NamespaceCondition; absent fields are {@code null}.
 */
public record NamespaceCondition(
        String type,
        String status,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
