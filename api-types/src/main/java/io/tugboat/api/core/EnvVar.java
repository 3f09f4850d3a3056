package io.tugboat.api.core;


/**
 * One environment variable: a literal value or one taken from a field, a ConfigMap or a Secret.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EnvVar; absent fields are {@code null}.
 */
public record EnvVar(
        String name,
        String value,
        EnvVarSource valueFrom) {
}
