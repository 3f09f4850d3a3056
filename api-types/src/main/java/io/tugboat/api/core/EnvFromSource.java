package io.tugboat.api.core;


/**
 * Every key of a ConfigMap or Secret becomes an environment variable, optionally prefixed.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EnvFromSource; absent fields are {@code null}.
 */
public record EnvFromSource(
        String prefix,
        ConfigMapEnvSource configMapRef,
        SecretEnvSource secretRef) {
}
