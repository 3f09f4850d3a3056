package io.tugboat.api.core;


/**
 * Available, Bound, Released or Failed.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PersistentVolumeStatus; absent fields are {@code null}.
 */
public record PersistentVolumeStatus(
        String phase,
        String message,
        String reason) {
}
