package io.tugboat.api.core;


/**
 * Mounts the volume bound to a PersistentVolumeClaim.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PersistentVolumeClaimVolumeSource; absent fields are {@code null}.
 */
public record PersistentVolumeClaimVolumeSource(
        String claimName,
        Boolean readOnly) {
}
