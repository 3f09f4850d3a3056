package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.LabelSelector;
import java.util.List;

/**
 * Access modes, size and class of the storage requested.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PersistentVolumeClaimSpec; absent fields are {@code null}.
 */
public record PersistentVolumeClaimSpec(
        List<String> accessModes,
        LabelSelector selector,
        VolumeResourceRequirements resources,
        String volumeName,
        String storageClassName,
        String volumeMode) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PersistentVolumeClaimSpec {
        accessModes = Copies.list(accessModes);
    }

    public PersistentVolumeClaimSpec withAccessModes(List<String> accessModes) {
        return new PersistentVolumeClaimSpec(accessModes, selector, resources, volumeName, storageClassName, volumeMode);
    }

    public PersistentVolumeClaimSpec withSelector(LabelSelector selector) {
        return new PersistentVolumeClaimSpec(accessModes, selector, resources, volumeName, storageClassName, volumeMode);
    }

    public PersistentVolumeClaimSpec withResources(VolumeResourceRequirements resources) {
        return new PersistentVolumeClaimSpec(accessModes, selector, resources, volumeName, storageClassName, volumeMode);
    }

    public PersistentVolumeClaimSpec withVolumeName(String volumeName) {
        return new PersistentVolumeClaimSpec(accessModes, selector, resources, volumeName, storageClassName, volumeMode);
    }

    public PersistentVolumeClaimSpec withStorageClassName(String storageClassName) {
        return new PersistentVolumeClaimSpec(accessModes, selector, resources, volumeName, storageClassName, volumeMode);
    }

    public PersistentVolumeClaimSpec withVolumeMode(String volumeMode) {
        return new PersistentVolumeClaimSpec(accessModes, selector, resources, volumeName, storageClassName, volumeMode);
    }
}
