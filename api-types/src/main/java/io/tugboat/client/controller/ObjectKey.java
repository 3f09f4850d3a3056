package io.tugboat.client.controller;

import java.util.Objects;

/**
 * The two halves of a queue key: which object a {@link Reconciler} is asked about. {@link Keys#split} makes one
 * from a key; {@link #key()} turns it back.
 *
 * @param namespace the object's namespace, or {@code ""} for a cluster-scoped object (a Node, a Namespace), as in
 *                  client-go
 * @param name      the object's name; never empty
 */
public record ObjectKey(String namespace, String name) {

    public ObjectKey {
        Objects.requireNonNull(namespace, "namespace (use \"\" for cluster-scoped objects)");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an object key needs a name");
        }
    }

    /** True for an object that lives outside any namespace. */
    public boolean isClusterScoped() {
        return namespace.isEmpty();
    }

    /** The queue key: {@code namespace/name}, or {@code name} when cluster-scoped. */
    public String key() {
        return Keys.keyOf(namespace, name);
    }
}
