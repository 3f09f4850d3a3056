package io.tugboat.api.core;


/**
 * One key of a ConfigMap in the pod's namespace.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ConfigMapKeySelector; absent fields are {@code null}.
 */
public record ConfigMapKeySelector(
        String name,
        String key,
        Boolean optional) {
}
