package io.tugboat.api.core;

import java.time.Instant;

/**
 * Exited, with its exit code and reason (Completed, Error, OOMKilled...).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ContainerStateTerminated; absent fields are {@code null}.
 */
public record ContainerStateTerminated(
        Integer exitCode,
        Integer signal,
        String reason,
        String message,
        Instant startedAt,
        Instant finishedAt,
        String containerID) {
}
