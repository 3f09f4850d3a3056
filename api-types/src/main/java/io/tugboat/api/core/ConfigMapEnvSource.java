package io.tugboat.api.core;


/**
 * A ConfigMap whose keys become environment variables.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ConfigMapEnvSource; absent fields are {@code null}.
 */
public record ConfigMapEnvSource(
        String name,
        Boolean optional) {
}
