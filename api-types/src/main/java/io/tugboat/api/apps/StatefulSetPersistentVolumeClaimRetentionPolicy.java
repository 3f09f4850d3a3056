package io.tugboat.api.apps;


/**
 * Whether claims are kept or deleted when the set is deleted or scaled down.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy; absent fields are {@code null}.
 */
public record StatefulSetPersistentVolumeClaimRetentionPolicy(
        String whenDeleted,
        String whenScaled) {
}
