package io.tugboat.api.storage;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * A class of storage and the provisioner that creates volumes of it.
 *
 * <p>Field names and shapes are those of Kubernetes storage.k8s.io/v1 StorageClass; absent fields are {@code null}.
 */
public record StorageClass(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        String provisioner,
        Map<String, String> parameters,
        String reclaimPolicy,
        List<String> mountOptions,
        Boolean allowVolumeExpansion,
        String volumeBindingMode) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "storage.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "StorageClass";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public StorageClass {
        parameters = Copies.map(parameters);
        mountOptions = Copies.list(mountOptions);
    }

    /** Creates a StorageClass with {@code apiVersion} and {@code kind} filled in. */
    public static StorageClass of(ObjectMeta metadata, String provisioner, Map<String, String> parameters, String reclaimPolicy, List<String> mountOptions, Boolean allowVolumeExpansion, String volumeBindingMode) {
        return new StorageClass(API_VERSION, KIND, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    @Override
    public StorageClass withApiVersion(String apiVersion) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    @Override
    public StorageClass withKind(String kind) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    @Override
    public StorageClass withMetadata(ObjectMeta metadata) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    public StorageClass withProvisioner(String provisioner) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    public StorageClass withParameters(Map<String, String> parameters) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    public StorageClass withReclaimPolicy(String reclaimPolicy) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    public StorageClass withMountOptions(List<String> mountOptions) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    public StorageClass withAllowVolumeExpansion(Boolean allowVolumeExpansion) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }

    public StorageClass withVolumeBindingMode(String volumeBindingMode) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions, allowVolumeExpansion, volumeBindingMode);
    }
}
