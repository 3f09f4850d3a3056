package io.tugboat.api.core;

import java.time.Instant;

/**
 * One node condition (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable) with its heartbeat.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeCondition; absent fields are {@code null}.
 */
public record NodeCondition(
        String type,
        String status,
        Instant lastHeartbeatTime,
        Instant lastTransitionTime,
        String reason,
        String message) {
}
