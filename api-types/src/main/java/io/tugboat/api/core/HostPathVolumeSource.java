package io.tugboat.api.core;


/**
 * A directory or file of the node's filesystem.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 HostPathVolumeSource; absent fields are {@code null}.
 */
public record HostPathVolumeSource(
        String path,
        String type) {
}
