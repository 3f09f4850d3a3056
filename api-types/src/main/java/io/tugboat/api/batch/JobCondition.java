package io.tugboat.api.batch;

import java.time.Instant;

/**
 * Complete, Failed, Suspended...
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 JobCondition; absent fields are {@code null}.
 */
public record JobCondition(
        String type,
        String status,
        Instant lastProbeTime,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
