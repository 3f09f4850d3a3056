package io.tugboat.api.core;


/**
 * Names an object in the same namespace.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 LocalObjectReference; absent fields are {@code null}.
 */
public record LocalObjectReference(
        String name) {
}
