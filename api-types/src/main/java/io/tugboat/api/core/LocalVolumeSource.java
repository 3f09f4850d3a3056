package io.tugboat.api.core;


/**
 * A local disk or directory of one node.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 LocalVolumeSource; absent fields are {@code null}.
 */
public record LocalVolumeSource(
        String path,
        String fsType) {
}
