package io.tugboat.apiserver.storage;

import io.tugboat.api.meta.KubernetesObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch cache of one resource: one etcd watch feeding any number of API watch clients.
 *
 * <pre>
 *   etcd ──watch(prefix)──▶ WatchCache ──┬──▶ client watch 1 (selector A)
 *                            │ store      ├──▶ client watch 2 (selector B)
 *                            │ ring       └──▶ ...
 *                            ▼
 *                       lists with resourceVersion=0
 * </pre>
 *
 * <p>It keeps the current objects (the <em>store</em>, by key) and a ring of the most recent changes. A client
 * watching from resourceVersion R receives exactly the changes with revision &gt; R, in order, once each — as long
 * as the ring still reaches back to R. When it does not (R is older than the oldest change kept, or older than
 * the list the cache started from), the client gets {@link ExpiredException} and must relist, exactly like
 * Kubernetes' 410 Gone. R = 0 means "send the current state as ADDED events first".
 *
 * <p>Threading: etcd delivers changes on one thread; {@link #process}, registration and bookmarks all run under
 * this object's lock, so a client registered at R can neither miss nor duplicate a change racing with its
 * registration. Sinks never block (see {@link WatchSink}); a sink that overflows is terminated.
 *
 * <p>If the etcd watch fails (compaction, etcd restart) the cache relists and restarts; open client watches are
 * terminated and resume from their last resourceVersion, which succeeds if it is not older than the new list.
 */
public final class WatchCache implements Storage.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchCache.class);

    /** Thrown when a watch asks for a revision the cache no longer has. */
    public static final class ExpiredException extends Exception {
        public ExpiredException(String message) {
            super(message);
        }
    }

    /** Thrown when the cache did not catch up with a requested revision in time. */
    public static final class TooLargeResourceVersionException extends Exception {
        public TooLargeResourceVersionException(String message) {
            super(message);
        }
    }

    /** A consistent copy of the store. */
    public record Snapshot(List<KubernetesObject> items, long revision) {
    }

    private final Storage storage;
    private final String prefix;
    private final Function<KeyValue, KubernetesObject> decoder;
    private final int capacity;

    /** Written only under this object's lock; a concurrent map so that {@link #get} needs no lock. */
    private final ConcurrentSkipListMap<String, CacheEntry> store = new ConcurrentSkipListMap<>();
    private final Deque<CacheEvent> ring = new ArrayDeque<>();
    private final CopyOnWriteArraySet<Registration> watchers = new CopyOnWriteArraySet<>();
    /** Every change with revision &lt;= revision has been applied to the store. */
    private long revision;
    /** Changes with revision &lt;= horizon may be missing from the ring: watching from below it is expired. */
    private long horizon;
    private Storage.WatchHandle etcdWatch;
    private boolean closed;
    private Thread restarter;

    /**
     * @param decoder  turns a stored key-value into an object whose resourceVersion is the key's modRevision
     * @param capacity how many recent changes are kept for resuming watches
     */
    public WatchCache(Storage storage, String prefix, Function<KeyValue, KubernetesObject> decoder, int capacity) {
        this.storage = storage;
        this.prefix = prefix;
        this.decoder = decoder;
        this.capacity = capacity;
    }

    /** Lists the prefix and starts watching from the list's revision. Throws StorageException if etcd is down. */
    public synchronized void start() {
        relist();
    }

    private void relist() {
        Map<String, CacheEntry> fresh = new TreeMap<>();
        ListResult page = storage.list(prefix, null, 500, 0);
        long listRevision = page.revision();
        while (true) {
            for (KeyValue kv : page.items()) {
                decodeInto(fresh, kv);
            }
            if (!page.hasMore()) {
                break;
            }
            String next = page.items().get(page.items().size() - 1).key() + "\0";
            page = storage.list(prefix, next, 500, listRevision);
        }
        store.clear();
        store.putAll(fresh);
        ring.clear();
        revision = listRevision;
        horizon = listRevision;
        etcdWatch = storage.watch(prefix, listRevision, this);
    }

    private void decodeInto(Map<String, CacheEntry> target, KeyValue kv) {
        target.put(kv.key(), new CacheEntry(kv, decoder));
    }

    /** The revision up to which the cache has applied every change. */
    public synchronized long revision() {
        return revision;
    }

    /**
     * The current object at {@code key}, without taking the lock: request paths such as the namespace check
     * on every create call it, and must not queue behind event processing.
     */
    public Optional<KubernetesObject> get(String key) {
        CacheEntry entry = store.get(key);
        return entry == null ? Optional.empty() : Optional.ofNullable(decodeOrNull(entry));
    }

    /** An object as the cache holds it: the stored key-value (for its modRevision and bytes) and the decoded object. */
    public record Entry(KeyValue kv, KubernetesObject object) {
    }

    /**
     * The cached key-value at {@code key} with its decoded object, without taking the lock. It may lag behind
     * etcd: a read-modify-write starts from it (as Kubernetes' GuaranteedUpdate starts from the watch cache's
     * object) and relies on the compare-and-swap of the write to find out that it was stale. Empty when the key
     * is not cached or its bytes do not decode.
     */
    public Optional<Entry> entry(String key) {
        CacheEntry entry = store.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        KubernetesObject object = decodeOrNull(entry);
        return object == null ? Optional.empty() : Optional.of(new Entry(entry.kv(), object));
    }

    /** The entry's object, or null (logged) if the stored bytes do not decode: one bad object must not break lists. */
    private static KubernetesObject decodeOrNull(CacheEntry entry) {
        try {
            return entry.object();
        } catch (RuntimeException e) {
            log.error("skipping undecodable object at {}: {}", entry.key(), e.toString());
            return null;
        }
    }

    private static List<KubernetesObject> decodeAll(Iterable<CacheEntry> entries) {
        List<KubernetesObject> objects = new ArrayList<>();
        for (CacheEntry entry : entries) {
            KubernetesObject object = decodeOrNull(entry);
            if (object != null) {
                objects.add(object);
            }
        }
        return objects;
    }

    /** The current objects, in key order, and the revision they reflect. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(decodeAll(store.values()), revision);
    }

    /** The current objects whose key starts with {@code keyPrefix} (for namespace-scoped lists). */
    public synchronized Snapshot snapshot(String keyPrefix) {
        return new Snapshot(decodeAll(store.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE).values()), revision);
    }

    /**
     * Blocks until the cache has applied every change up to {@code target}, asking etcd for progress so that a
     * quiet resource (no changes after target) still catches up with the store's revision.
     */
    public void waitUntilFresh(long target, Duration timeout) throws TooLargeResourceVersionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (revision < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TooLargeResourceVersionException("Too large resource version: " + target
                            + ", current: " + revision);
                }
                storage.requestProgress();
                wait(Math.max(1, Math.min(left / 1_000_000, 100)));
            }
        }
    }

    /**
     * Starts a client watch.
     *
     * @param fromRevision deliver changes after this revision; 0 = first the current objects as ADDED
     * @param filter       which objects the client sees; an object that stops matching arrives as DELETED
     * @return a handle whose {@code close} stops delivery
     */
    public synchronized AutoCloseable watch(long fromRevision, Predicate<KubernetesObject> filter, WatchSink sink)
            throws ExpiredException {
        Registration registration = new Registration(filter, sink);
        if (closed) {
            // A watch that raced with shutdown must end now, or it would wait for events that never come.
            sink.terminate("server is shutting down");
            return () -> { };
        }
        if (fromRevision == 0) {
            for (KubernetesObject object : decodeAll(store.values())) {
                if (filter.test(object) && !sink.offer("ADDED", object)) {
                    sink.terminate("too many initial events for this client");
                    return () -> { };
                }
            }
        } else {
            if (fromRevision < horizon) {
                throw new ExpiredException("too old resource version: " + fromRevision + " (" + horizon + ")");
            }
            for (CacheEvent event : ring) {
                if (event.revision() > fromRevision && !registration.deliver(event)) {
                    sink.terminate("client fell behind");
                    return () -> { };
                }
            }
        }
        watchers.add(registration);
        return () -> watchers.remove(registration);
    }

    /** Sends a BOOKMARK carrying the current revision to one watch, in order with its other events. */
    public synchronized void bookmark(WatchSink sink, Function<Long, KubernetesObject> bookmarkObject) {
        if (!sink.offer("BOOKMARK", bookmarkObject.apply(revision))) {
            terminate(sink, "client fell behind");
        }
    }

    private void terminate(WatchSink sink, String reason) {
        watchers.removeIf(r -> r.sink == sink);
        sink.terminate(reason);
    }

    // ------------------------------------------------------------------ etcd listener

    @Override
    public synchronized void onEvents(List<StorageEvent> events) {
        for (StorageEvent event : events) {
            process(event);
        }
        notifyAll();
    }

    private void process(StorageEvent event) {
        if (event.revision() <= revision) {
            return; // already in the list this cache started from
        }
        String key = event.current().key();
        CacheEntry previous = store.get(key);
        CacheEvent change;
        if (event.type() == StorageEvent.Type.DELETE) {
            revision = event.revision();
            if (previous == null) {
                return;
            }
            store.remove(key);
            change = new CacheEvent(CacheEvent.Type.DELETED, previous.atRevision(event.revision()), previous);
        } else {
            CacheEntry current = new CacheEntry(event.current(), decoder);
            store.put(key, current);
            revision = event.revision();
            change = new CacheEvent(previous == null ? CacheEvent.Type.ADDED : CacheEvent.Type.MODIFIED, current, previous);
        }
        ring.addLast(change);
        if (ring.size() > capacity) {
            horizon = ring.removeFirst().revision();
        }
        for (Registration registration : watchers) {
            boolean delivered;
            try {
                delivered = registration.deliver(change);
            } catch (RuntimeException e) {
                log.error("cannot deliver change of {}: {}", key, e.toString());
                continue;
            }
            if (!delivered) {
                watchers.remove(registration);
                registration.sink.terminate("client fell behind");
            }
        }
    }

    @Override
    public synchronized void onProgress(long progressRevision) {
        if (progressRevision > revision) {
            revision = progressRevision;
        }
        notifyAll();
    }

    @Override
    public void onError(StorageException error) {
        synchronized (this) {
            if (closed || restarter != null) {
                return;
            }
            log.warn("watch on {} failed ({}); relisting", prefix, error.getMessage());
            for (Registration registration : watchers) {
                registration.sink.terminate("watch cache is relisting");
            }
            watchers.clear();
            restarter = new Thread(this::restartUntilDone, "watch-cache-relist " + prefix);
            restarter.setDaemon(true);
            restarter.start();
        }
    }

    private void restartUntilDone() {
        long backoffMillis = 100;
        while (true) {
            synchronized (this) {
                if (closed) {
                    restarter = null;
                    return;
                }
                try {
                    if (etcdWatch != null) {
                        etcdWatch.close();
                    }
                    relist();
                    restarter = null;
                    notifyAll();
                    return;
                } catch (StorageException e) {
                    log.debug("relist of {} failed: {}", prefix, e.getMessage());
                }
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, 5_000);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (etcdWatch != null) {
            etcdWatch.close();
        }
        for (Registration registration : watchers) {
            registration.sink.terminate("server is shutting down");
        }
        watchers.clear();
    }

    /** One client watch: its filter and where to send what passes it. */
    private static final class Registration {
        private final Predicate<KubernetesObject> filter;
        private final WatchSink sink;

        Registration(Predicate<KubernetesObject> filter, WatchSink sink) {
            this.filter = filter;
            this.sink = sink;
        }

        /**
         * Translates a change through the filter: an object that starts matching is ADDED for this client, one
         * that stops matching is DELETED (carrying its new state at the new revision), one that never matched is
         * not sent at all.
         */
        boolean deliver(CacheEvent change) {
            boolean now = change.type() != CacheEvent.Type.DELETED && filter.test(change.object());
            boolean before = change.previous() != null && filter.test(change.previous());
            if (change.type() == CacheEvent.Type.DELETED) {
                return !before || sink.offer("DELETED", change.object());
            }
            if (now && before) {
                return sink.offer("MODIFIED", change.object());
            }
            if (now) {
                return sink.offer("ADDED", change.object());
            }
            if (before) {
                return sink.offer("DELETED", change.object());
            }
            return true;
        }
    }
}
