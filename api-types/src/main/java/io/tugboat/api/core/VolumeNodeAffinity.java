package io.tugboat.api.core;


/**
 * The nodes from which a volume can be used.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 VolumeNodeAffinity; absent fields are {@code null}.
 */
public record VolumeNodeAffinity(
        NodeSelector required) {
}
