package io.tugboat.apiserver.auth;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.apiserver.storage.WatchCache;
import io.tugboat.apiserver.storage.WatchSink;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process informer over one of the API server's own watch caches: the current objects of one kind, indexed
 * by namespace and name, kept current by a watch on the cache (not on etcd). Authorizers read it on every request,
 * so reads take no lock and never touch storage.
 *
 * <p>The cache delivers events on its dispatch thread; {@link #offer} only updates maps and tells the
 * {@link Listener}, so it never blocks. When the cache ends the watch (it relisted after an etcd error, or fell
 * behind), the next read starts a fresh one from the cache's current objects, as a Reflector relists.
 *
 * @param <T> the kind held
 */
public final class CachedObjects<T extends KubernetesObject> implements WatchSink {
    /** Told about every change, on the cache's dispatch thread; must not block. */
    public interface Listener<T> {
        /** {@code old} is null for an added object, {@code current} null for a deleted one. */
        void changed(T old, T current);

        /** Everything is about to be delivered again as added. */
        void reset();
    }

    private final WatchCache cache;
    private final Class<T> type;
    private final Listener<T> listener;
    /** namespace ("" for cluster-scoped) → name → object. */
    private final Map<String, Map<String, T>> byNamespace = new ConcurrentHashMap<>();
    private volatile boolean watching;
    /** How many times the cache ended our watch; {@link #terminate} never blocks, so it only counts. */
    private final java.util.concurrent.atomic.AtomicLong endings = new java.util.concurrent.atomic.AtomicLong();

    public CachedObjects(WatchCache cache, Class<T> type, Listener<T> listener) {
        this.cache = cache;
        this.type = type;
        this.listener = listener;
    }

    public CachedObjects(WatchCache cache, Class<T> type) {
        this(cache, type, null);
    }

    /**
     * Starts (or restarts) the watch if it is not running. Every read calls it. Readers arriving while the index
     * is being filled wait here, so none sees a half-filled index (the cache replays its objects as ADDED on this
     * thread, inside {@code watch}).
     */
    public void sync() {
        if (watching) {
            return;
        }
        synchronized (this) {
            if (watching) {
                return;
            }
            byNamespace.clear();
            if (listener != null) {
                listener.reset();
            }
            long epoch = endings.get();
            try {
                cache.watch(0, object -> true, this);
            } catch (WatchCache.ExpiredException e) {
                throw new IllegalStateException("a watch from revision 0 cannot expire", e);
            }
            watching = true;
            if (endings.get() != epoch) {
                // The cache ended the watch meanwhile (it is closing, or relisting): start again on the next read.
                watching = false;
            }
        }
    }

    /** The object, if it exists. */
    public Optional<T> get(String namespace, String name) {
        sync();
        Map<String, T> objects = byNamespace.get(namespace == null ? "" : namespace);
        return objects == null ? Optional.empty() : Optional.ofNullable(objects.get(name));
    }

    /** The objects of one namespace ({@code ""} for cluster-scoped kinds); a live, unmodifiable view. */
    public Collection<T> list(String namespace) {
        sync();
        Map<String, T> objects = byNamespace.get(namespace == null ? "" : namespace);
        return objects == null ? java.util.List.of() : Collections.unmodifiableCollection(objects.values());
    }

    /** Every object, in all namespaces. */
    public java.util.List<T> all() {
        sync();
        return byNamespace.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    @Override
    public boolean offer(String eventType, KubernetesObject object) {
        if (!type.isInstance(object)) {
            return true;
        }
        T typed = type.cast(object);
        String namespace = object.metadata().namespace() == null ? "" : object.metadata().namespace();
        String name = object.metadata().name();
        T old;
        if (eventType.equals("DELETED")) {
            Map<String, T> objects = byNamespace.get(namespace);
            old = objects == null ? null : objects.remove(name);
            if (listener != null && old != null) {
                listener.changed(old, null);
            }
        } else {
            old = byNamespace.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>()).put(name, typed);
            if (listener != null) {
                listener.changed(old, typed);
            }
        }
        return true;
    }

    @Override
    public void terminate(String reason) {
        endings.incrementAndGet();
        watching = false;
    }
}
