package io.tugboat.api.meta;

/**
 * A top-level API object: it has a type ({@code apiVersion}, {@code kind}) and {@link ObjectMeta}, and is
 * stored under its own key in etcd. Every kind in the object model is an immutable record implementing this
 * interface; the {@code with...} methods return modified copies, so an object taken from a cache can never be
 * changed by accident.
 */
public interface KubernetesObject {

    String apiVersion();

    String kind();

    ObjectMeta metadata();

    KubernetesObject withApiVersion(String apiVersion);

    KubernetesObject withKind(String kind);

    KubernetesObject withMetadata(ObjectMeta metadata);
}
