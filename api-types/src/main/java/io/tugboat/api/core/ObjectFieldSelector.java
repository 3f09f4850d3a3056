package io.tugboat.api.core;


/**
 * A field of the pod itself, such as {@code metadata.name} or {@code status.podIP}.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ObjectFieldSelector; absent fields are {@code null}.
 */
public record ObjectFieldSelector(
        String apiVersion,
        String fieldPath) {
}
