package io.tugboat.client.informer;

import java.util.List;

/**
 * Computes the values an object is filed under in one secondary index: its namespace, the node a pod is bound
 * to, the uids of its owners. An object may have no value (it is not in the index), one (the common case) or
 * several (a pod with two owners appears under both uids).
 *
 * <p>Contract: the function must be pure — it depends only on the object, never on time or other state —
 * because the store calls it again on the object's previous version to find where to remove it from. It must
 * not return {@code null} (return an empty list) and must not throw: it runs inside the store's write lock,
 * halfway through moving a key between index entries. Mirrors client-go's {@code IndexFunc}
 * ({@code tools/cache/index.go}).
 *
 * @param <T> the kind of object indexed
 */
@FunctionalInterface
public interface IndexFunc<T> {

    /** The index values of {@code object}; empty when it is not indexed. */
    List<String> indexValues(T object);
}
