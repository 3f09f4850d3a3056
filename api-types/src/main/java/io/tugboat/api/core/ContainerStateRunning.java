package io.tugboat.api.core;

import java.time.Instant;

/**
 * Running since startedAt.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ContainerStateRunning; absent fields are {@code null}.
 */
public record ContainerStateRunning(
        Instant startedAt) {
}
