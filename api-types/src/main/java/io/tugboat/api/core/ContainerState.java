package io.tugboat.api.core;


/**
 * Exactly one of waiting, running or terminated.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ContainerState; absent fields are {@code null}.
 */
public record ContainerState(
        ContainerStateWaiting waiting,
        ContainerStateRunning running,
        ContainerStateTerminated terminated) {
}
