package io.tugboat.api.core;


/**
 * One IP address of a pod.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodIP; absent fields are {@code null}.
 */
public record PodIP(
        String ip) {
}
