package io.tugboat.api.core;


/**
 * A reference to any object, precise enough to find it (kind, namespace, name, uid).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ObjectReference; absent fields are {@code null}.
 */
public record ObjectReference(
        String kind,
        String namespace,
        String name,
        String uid,
        String apiVersion,
        String resourceVersion,
        String fieldPath) {
}
