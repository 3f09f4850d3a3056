package io.tugboat.api.core;

import java.time.Instant;

/**
 * One pod condition: PodScheduled, Initialized, ContainersReady or Ready.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodCondition; absent fields are {@code null}.
 */
public record PodCondition(
        String type,
        String status,
        Instant lastProbeTime,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
