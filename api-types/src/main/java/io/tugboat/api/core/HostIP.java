package io.tugboat.api.core;


/**
 * One IP address of the pod's node.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 HostIP; absent fields are {@code null}.
 */
public record HostIP(
        String ip) {
}
