package io.tugboat.api.core;


/**
 * A Secret whose keys become environment variables.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 SecretEnvSource; absent fields are {@code null}.
 */
public record SecretEnvSource(
        String name,
        Boolean optional) {
}
