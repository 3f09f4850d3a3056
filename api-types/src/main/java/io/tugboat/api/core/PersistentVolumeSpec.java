package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.Quantity;
import java.util.List;
import java.util.Map;

/**
 * Capacity, source and access modes of a volume, and the claim bound to it.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PersistentVolumeSpec; absent fields are {@code null}.
 */
public record PersistentVolumeSpec(
        Map<String, Quantity> capacity,
        HostPathVolumeSource hostPath,
        LocalVolumeSource local,
        List<String> accessModes,
        ObjectReference claimRef,
        String persistentVolumeReclaimPolicy,
        String storageClassName,
        List<String> mountOptions,
        String volumeMode,
        VolumeNodeAffinity nodeAffinity) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PersistentVolumeSpec {
        capacity = Copies.map(capacity);
        accessModes = Copies.list(accessModes);
        mountOptions = Copies.list(mountOptions);
    }

    public PersistentVolumeSpec withCapacity(Map<String, Quantity> capacity) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withHostPath(HostPathVolumeSource hostPath) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withLocal(LocalVolumeSource local) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withAccessModes(List<String> accessModes) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withClaimRef(ObjectReference claimRef) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withPersistentVolumeReclaimPolicy(String persistentVolumeReclaimPolicy) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withStorageClassName(String storageClassName) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withMountOptions(List<String> mountOptions) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withVolumeMode(String volumeMode) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }

    public PersistentVolumeSpec withNodeAffinity(VolumeNodeAffinity nodeAffinity) {
        return new PersistentVolumeSpec(capacity, hostPath, local, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName, mountOptions, volumeMode, nodeAffinity);
    }
}
