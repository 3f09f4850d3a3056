package io.tugboat.api.core;


/**
 * Not running yet, with a reason such as ContainerCreating, ErrImagePull or CrashLoopBackOff.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ContainerStateWaiting; absent fields are {@code null}.
 */
public record ContainerStateWaiting(
        String reason,
        String message) {
}
