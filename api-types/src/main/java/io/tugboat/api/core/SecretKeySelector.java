package io.tugboat.api.core;


/**
 * One key of a Secret in the pod's namespace.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 SecretKeySelector; absent fields are {@code null}.
 */
public record SecretKeySelector(
        String name,
        String key,
        Boolean optional) {
}
