package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory cache behind an informer: a map from key to object plus one inverted map per secondary index,
 * guarded by one read-write lock. Many readers (listers on controller worker threads) run in parallel; the
 * one writer (the {@link Reflector}) takes the lock briefly per change.
 *
 * <p>How the indexes are kept, on a worked example with a {@link Indexers#NODE_NAME} index:
 * <pre>
 *   items                                   indices["spec.nodeName"]
 *   default/a -> Pod(nodeName=n1)           n1 -> {default/a, default/b}
 *   default/b -> Pod(nodeName=n1)           n2 -> {default/c}
 *   default/c -> Pod(nodeName=n2)
 *
 *   upsert(Pod b with nodeName=n2):  old values [n1], new values [n2]
 *                                    remove default/b from n1, add it to n2
 *   delete(default/c):               old values [n2]; remove default/c from n2
 *                                    n2 is not empty ({default/b}), so it stays
 * </pre>
 * Each change computes the index values of the old and the new version of one object and moves its key
 * between the two sets; nothing is rebuilt. {@link #replace} does the same for a whole list, so a relist that
 * changes three objects out of ten thousand touches three index entries. A value whose set becomes empty is
 * removed, so short-lived values (pod uids, node names) do not leak memory.
 *
 * <p>Writes are meant for one writer, the reflector that owns this store; they are thread-safe, but the
 * reflector relies on being the only writer to compute what changed. Reads may come from any thread. Mirrors
 * client-go's {@code threadSafeMap} and {@code storeIndex} ({@code tools/cache/thread_safe_store.go}).
 *
 * @param <T> the kind of object cached
 */
public final class ThreadSafeStore<T extends KubernetesObject> implements Indexer<T> {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** key -> object. Never holds null values. */
    private Map<String, T> items = new HashMap<>();
    /** index name -> index function. Only grows. */
    private final Map<String, IndexFunc<T>> indexers = new LinkedHashMap<>();
    /** index name -> indexed value -> keys of the objects filed under it. No set is ever empty. */
    private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();

    /** An empty store with no indexes. */
    public ThreadSafeStore() {
    }

    /** An empty store with these indexes, e.g. {@link Indexers#defaults()}. */
    public ThreadSafeStore(Map<String, IndexFunc<T>> indexers) {
        addIndexers(indexers);
    }

    /**
     * Adds indexes, filing every object already cached in them.
     *
     * @throws IllegalArgumentException if an index with one of these names exists
     */
    public void addIndexers(Map<String, IndexFunc<T>> more) {
        lock.writeLock().lock();
        try {
            for (String name : more.keySet()) {
                if (indexers.containsKey(name)) {
                    throw new IllegalArgumentException("index already exists: " + name);
                }
            }
            for (Map.Entry<String, IndexFunc<T>> entry : more.entrySet()) {
                indexers.put(entry.getKey(), Objects.requireNonNull(entry.getValue(), entry.getKey()));
                indices.put(entry.getKey(), new HashMap<>());
                for (Map.Entry<String, T> item : items.entrySet()) {
                    updateIndex(entry.getKey(), item.getKey(), null, item.getValue());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Stores an object under its key, replacing any previous version, and moves it in every index.
     *
     * @return the version it replaced, if any
     */
    public Optional<T> upsert(T object) {
        String key = Keys.keyOf(object);
        lock.writeLock().lock();
        try {
            T old = items.put(key, object);
            updateIndices(key, old, object);
            return Optional.ofNullable(old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes the object cached under {@code key} from the map and from every index.
     *
     * @return the object removed, if there was one
     */
    public Optional<T> delete(String key) {
        lock.writeLock().lock();
        try {
            T old = items.remove(key);
            if (old != null) {
                updateIndices(key, old, null);
            }
            return Optional.ofNullable(old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Makes the store hold exactly {@code objects}, atomically: readers see either the old contents or the
     * new, never a mix. Indexes are updated by difference — only objects whose index values changed, appeared
     * or disappeared are moved — so the cost is proportional to what changed plus one pass over the list.
     * If two objects have the same key, the later one wins.
     *
     * <p>client-go's {@code Replace(list, resourceVersion)} also takes the list's resourceVersion, for the
     * DeltaFIFO's benefit; this store has no use for it, and the {@link Reflector} keeps it instead
     * ({@link Reflector#lastSyncResourceVersion()}).
     */
    public void replace(Collection<? extends T> objects) {
        // Keys first, outside the lock: an object without a name fails here, before anything has changed.
        Map<String, T> next = new HashMap<>(Math.max(16, objects.size() * 4 / 3 + 1));
        for (T object : objects) {
            next.put(Keys.keyOf(object), object);
        }
        lock.writeLock().lock();
        try {
            for (Map.Entry<String, T> now : next.entrySet()) {
                updateIndices(now.getKey(), items.get(now.getKey()), now.getValue());
            }
            for (Map.Entry<String, T> old : items.entrySet()) {
                if (!next.containsKey(old.getKey())) {
                    updateIndices(old.getKey(), old.getValue(), null);
                }
            }
            items = next;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<T> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(items.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<T> list() {
        lock.readLock().lock();
        try {
            return List.copyOf(items.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> listKeys() {
        lock.readLock().lock();
        try {
            return List.copyOf(items.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<T> byIndex(String indexName, String indexedValue) {
        lock.readLock().lock();
        try {
            Set<String> keys = index(indexName).getOrDefault(indexedValue, Set.of());
            List<T> result = new ArrayList<>(keys.size());
            for (String key : keys) {
                result.add(items.get(key));
            }
            return List.copyOf(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> indexKeys(String indexName, String indexedValue) {
        lock.readLock().lock();
        try {
            return List.copyOf(new TreeSet<>(index(indexName).getOrDefault(indexedValue, Set.of())));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> indexValues(String indexName) {
        lock.readLock().lock();
        try {
            return List.copyOf(new TreeSet<>(index(indexName).keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Set<String> indexNames() {
        lock.readLock().lock();
        try {
            return Set.copyOf(indexers.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The index called {@code name}; caller holds a lock. */
    private Map<String, Set<String>> index(String name) {
        Map<String, Set<String>> index = indices.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no index named " + name + "; have " + indexers.keySet());
        }
        return index;
    }

    /** Moves {@code key} in every index from where {@code old} was filed to where {@code now} belongs. */
    private void updateIndices(String key, T old, T now) {
        for (String name : indexers.keySet()) {
            updateIndex(name, key, old, now);
        }
    }

    /** {@code old == null} for an add, {@code now == null} for a delete; caller holds the write lock. */
    private void updateIndex(String name, String key, T old, T now) {
        IndexFunc<T> function = indexers.get(name);
        List<String> oldValues = old == null ? List.of() : function.indexValues(old);
        List<String> newValues = now == null ? List.of() : function.indexValues(now);
        if (oldValues.equals(newValues)) {
            return; // the common case: an update that did not touch the indexed field
        }
        Map<String, Set<String>> index = indices.get(name);
        for (String value : oldValues) {
            Set<String> keys = index.get(value);
            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                index.remove(value);
            }
        }
        for (String value : newValues) {
            index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
        }
    }
}
