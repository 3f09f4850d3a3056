package io.tugboat.client.controller;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Queue keys, in client-go's format ({@code cache.MetaNamespaceKeyFunc} and {@code cache.SplitMetaNamespaceKey}):
 * {@code namespace/name} for a namespaced object, {@code name} for a cluster-scoped one. Neither part may contain a
 * {@code /} — Kubernetes names can't — so the format is unambiguous.
 *
 * <pre>
 *   keyOf(Pod default/web-1)    = "default/web-1"      split("default/web-1") = ObjectKey("default", "web-1")
 *   keyOf(Node node-1)          = "node-1"             split("node-1")        = ObjectKey("", "node-1")
 * </pre>
 *
 * <p>Why strings and not objects: a key names an object without freezing its state. By the time a worker gets to
 * it the object may have changed again, or been deleted; the worker looks the key up in the informer's cache and
 * sees the state as it is now.
 */
public final class Keys {

    private Keys() {
    }

    /** The key of {@code object}. Throws if it has no name yet (a create with only {@code generateName}). */
    public static String keyOf(KubernetesObject object) {
        ObjectMeta metadata = object.metadata();
        if (metadata == null || metadata.name() == null || metadata.name().isEmpty()) {
            String kind = object.kind() != null ? object.kind() : object.getClass().getSimpleName();
            throw new IllegalArgumentException("a " + kind + " without a name has no key");
        }
        return keyOf(metadata.namespace(), metadata.name());
    }

    /** The key of the object called {@code name} in {@code namespace} ({@code null} or {@code ""}: cluster-scoped). */
    public static String keyOf(String namespace, String name) {
        // One key format for the whole client: the informers' cache is keyed the same way.
        return io.tugboat.client.informer.Keys.key(namespace, name);
    }

    /**
     * Splits a key made by {@link #keyOf}.
     *
     * @throws IllegalArgumentException if {@code key} is empty, has an empty name, or has more than one {@code /}
     */
    public static ObjectKey split(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return new ObjectKey("", key);
        }
        if (key.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("unexpected key format: \"" + key + "\"");
        }
        return new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
    }
}
