package io.tugboat.api.core;

import java.time.Instant;

/**
 * Repels pods that do not tolerate it: NoSchedule, PreferNoSchedule or NoExecute.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Taint; absent fields are {@code null}.
 */
public record Taint(
        String key,
        String value,
        String effect,
        Instant timeAdded) {
}
