package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Read access to a local cache of API objects, keyed by {@link Keys#keyOf} and with named secondary indexes.
 * This is what an informer keeps in memory and what its {@link Lister} reads.
 *
 * <p><b>Objects returned are shared, not copied.</b> Every caller that reads key {@code default/web} gets the
 * same instance, and so do the event handlers. That is safe only because Tugboat's API objects are immutable
 * records: there is no setter to call, and a {@code with...} method returns a new object that the cache never
 * sees. client-go has to warn "NEVER modify objects from the store"; in Tugboat the type system says it. To
 * change an object, build a modified copy and send it to the API server; the cache will catch up through the
 * watch. The lists returned are fresh and unmodifiable.
 *
 * <p>Every method answers from one consistent snapshot: a {@link #list()} never shows half of a
 * {@link ThreadSafeStore#replace replace}. Mirrors client-go's {@code Indexer} ({@code tools/cache/index.go}),
 * without the write methods, which live on {@link ThreadSafeStore} so that readers cannot corrupt the cache.
 *
 * @param <T> the kind of object cached
 */
public interface Indexer<T extends KubernetesObject> {

    /** The object cached under {@code key} ({@code namespace/name} or {@code name}). */
    Optional<T> get(String key);

    /** Every cached object, in no particular order. */
    List<T> list();

    /** Every key, in no particular order. */
    List<String> listKeys();

    /**
     * The objects filed under {@code indexedValue} in the index {@code indexName}.
     *
     * @throws IllegalArgumentException if there is no index with that name
     */
    List<T> byIndex(String indexName, String indexedValue);

    /**
     * The keys of the objects filed under {@code indexedValue} in the index {@code indexName}, sorted.
     *
     * @throws IllegalArgumentException if there is no index with that name
     */
    List<String> indexKeys(String indexName, String indexedValue);

    /**
     * The values that currently have at least one object in the index {@code indexName}, sorted. A value whose
     * last object went away is not listed (client-go learned to drop empty entries the hard way, kubernetes#84959).
     *
     * @throws IllegalArgumentException if there is no index with that name
     */
    List<String> indexValues(String indexName);

    /** The names of the indexes this cache maintains. */
    Set<String> indexNames();
}
