package io.tugboat.api.core;


/**
 * Mounts a pod volume into a container at mountPath.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 VolumeMount; absent fields are {@code null}.
 */
public record VolumeMount(
        String name,
        Boolean readOnly,
        String mountPath,
        String subPath,
        String mountPropagation) {
}
