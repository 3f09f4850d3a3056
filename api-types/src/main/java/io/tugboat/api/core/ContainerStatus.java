package io.tugboat.api.core;


/**
 * The observed state of one container.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ContainerStatus; absent fields are {@code null}.
 */
public record ContainerStatus(
        String name,
        ContainerState state,
        ContainerState lastState,
        Boolean ready,
        Integer restartCount,
        String image,
        String imageID,
        String containerID,
        Boolean started) {
}
