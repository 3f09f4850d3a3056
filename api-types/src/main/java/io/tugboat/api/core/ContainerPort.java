package io.tugboat.api.core;


/**
 * A port a container listens on (informational, plus hostPort mapping).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ContainerPort; absent fields are {@code null}.
 */
public record ContainerPort(
        String name,
        Integer hostPort,
        Integer containerPort,
        String protocol,
        String hostIP) {
}
