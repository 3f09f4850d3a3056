package io.tugboat.api.core;


/**
 * Where an environment variable takes its value from; exactly one member is set.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EnvVarSource; absent fields are {@code null}.
 */
public record EnvVarSource(
        ObjectFieldSelector fieldRef,
        ResourceFieldSelector resourceFieldRef,
        ConfigMapKeySelector configMapKeyRef,
        SecretKeySelector secretKeyRef) {
}
