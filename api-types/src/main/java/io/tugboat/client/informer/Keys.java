package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * The key an object is cached under: {@code namespace/name} for namespaced objects, just {@code name} for
 * cluster-scoped ones (nodes, namespaces, persistent volumes). It is the key a controller puts on its work
 * queue and hands to {@code reconcile}, so the two halves of a control loop agree on one spelling.
 *
 * <pre>
 *   object                                   key
 *   Pod      {namespace: default, name: web} default/web
 *   Node     {name: node-1}                  node-1
 * </pre>
 *
 * <p>Names and namespaces cannot contain {@code /} (Kubernetes validates them as DNS labels or subdomains),
 * so a key splits back unambiguously at its only slash. Mirrors client-go's {@code MetaNamespaceKeyFunc} and
 * {@code SplitMetaNamespaceKey} ({@code tools/cache/store.go}).
 */
public final class Keys {
    private Keys() {
    }

    /**
     * The cache key of an object.
     *
     * @throws IllegalArgumentException if the object has no metadata or no name — an object the API server
     *     returned always has both, so this is a bug in the caller
     */
    public static String keyOf(KubernetesObject object) {
        ObjectMeta meta = object.metadata();
        if (meta == null || meta.name() == null || meta.name().isEmpty()) {
            throw new IllegalArgumentException("object has no metadata.name: " + object);
        }
        return key(meta.namespace(), meta.name());
    }

    /** The key for a name in a namespace; {@code null} or empty namespace means cluster-scoped. */
    public static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The namespace part of a key; {@code ""} for a cluster-scoped key. */
    public static String namespaceOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    /** The name part of a key. */
    public static String nameOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }
}
