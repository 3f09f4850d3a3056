package io.tugboat.api.core;


/**
 * A named volume of a pod; exactly one source is set.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Volume; absent fields are {@code null}.
 */
public record Volume(
        String name,
        HostPathVolumeSource hostPath,
        EmptyDirVolumeSource emptyDir,
        SecretVolumeSource secret,
        PersistentVolumeClaimVolumeSource persistentVolumeClaim,
        ConfigMapVolumeSource configMap) {
}
