package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException;
import io.tugboat.client.ApiException.GoneException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ListerWatcher;
import io.tugboat.client.WatchEvent;
import io.tugboat.client.WatchStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory API server for one kind, scripted by the test. It keeps objects and a revision counter the way
 * etcd does — every write gets the next revision, which becomes the object's resourceVersion — and a history
 * of changes that watches replay from. The test can also make it misbehave the ways a real server does:
 *
 * <pre>
 *   endWatches()       the server's watch timeout: open watches end normally (next() returns null)
 *   partition()        open watches stop receiving changes but stay open (the client falls behind)
 *   compact()          forget history: a watch from an older resourceVersion gets 410 (GoneException)
 *   expireWatches()    send ERROR 410 Expired to open watches
 *   breakWatches()     open watches throw from next() (connection reset)
 *   bookmark()         send a BOOKMARK at the current revision
 *   bumpRevision(n)    writes to other kinds move the revision without touching this one
 *   failNextLists / failNextWatches   refuse the next calls with these exceptions
 *   emit(event)        send a raw event to open watches
 * </pre>
 * A watch from {@code ""} or {@code "0"} starts with the current objects as ADDED events, as Tugboat's server
 * does. Selectors are recorded, not applied.
 */
final class FakeApiServer<T extends KubernetesObject> implements ListerWatcher<T> {
    private static final Object END = new Object();

    private record Change<T>(long revision, WatchEvent<T> event) {
    }

    private final Map<String, T> objects = new TreeMap<>();
    private final List<Change<T>> history = new ArrayList<>();
    private final List<FakeWatch> watches = new ArrayList<>();
    private final Deque<ApiException> listFailures = new ArrayDeque<>();
    private final Deque<ApiException> watchFailures = new ArrayDeque<>();
    private final List<ListOptions> listCalls = Collections.synchronizedList(new ArrayList<>());
    private final List<ListOptions> watchCalls = Collections.synchronizedList(new ArrayList<>());
    private long revision = 100;
    private long compactedThrough;

    // ------------------------------------------------------------------ writes

    synchronized T create(T object) {
        String key = Keys.keyOf(object);
        if (objects.containsKey(key)) {
            throw new IllegalStateException("exists: " + key);
        }
        return write(WatchEvent.Type.ADDED, object);
    }

    synchronized T update(T object) {
        if (!objects.containsKey(Keys.keyOf(object))) {
            throw new IllegalStateException("missing: " + Keys.keyOf(object));
        }
        return write(WatchEvent.Type.MODIFIED, object);
    }

    /** Deletes the object; the DELETED event carries its last state at the deletion's revision. */
    synchronized T delete(String key) {
        T old = objects.get(key);
        if (old == null) {
            throw new IllegalStateException("missing: " + key);
        }
        return write(WatchEvent.Type.DELETED, old);
    }

    private T write(WatchEvent.Type type, T object) {
        T stored = atVersion(object, ++revision);
        if (type == WatchEvent.Type.DELETED) {
            objects.remove(Keys.keyOf(object));
        } else {
            objects.put(Keys.keyOf(object), stored);
        }
        WatchEvent<T> event = new WatchEvent<>(type, stored, null);
        history.add(new Change<>(revision, event));
        for (FakeWatch watch : watches) {
            if (!watch.deaf) {
                watch.queue.add(event);
            }
        }
        return stored;
    }

    @SuppressWarnings("unchecked")
    private T atVersion(T object, long version) {
        ObjectMeta meta = object.metadata().withResourceVersion(Long.toString(version));
        return (T) object.withMetadata(meta);
    }

    // ------------------------------------------------------------------ misbehaviour

    synchronized void bumpRevision(int writesElsewhere) {
        revision += writesElsewhere;
    }

    synchronized void compact() {
        compactedThrough = revision;
        history.clear();
    }

    synchronized void partition() {
        watches.forEach(w -> w.deaf = true);
    }

    synchronized void endWatches() {
        watches.forEach(w -> w.queue.add(END));
    }

    synchronized void expireWatches() {
        Status expired = new Status("v1", "Status", null, "Failure", "too old resource version", "Expired", null, 410);
        watches.forEach(w -> w.queue.add(new WatchEvent<T>(WatchEvent.Type.ERROR, null, expired)));
    }

    synchronized void breakWatches() {
        watches.forEach(w -> w.queue.add(Errors.serverError("connection reset")));
    }

    @SuppressWarnings("unchecked")
    synchronized void bookmark(T template) {
        ObjectMeta meta = template.metadata().withResourceVersion(Long.toString(revision));
        WatchEvent<T> event = new WatchEvent<>(WatchEvent.Type.BOOKMARK, (T) template.withMetadata(meta), null);
        watches.forEach(w -> w.queue.add(event));
    }

    synchronized void emit(WatchEvent<T> event) {
        watches.forEach(w -> w.queue.add(event));
    }

    synchronized void failNextLists(ApiException... failures) {
        listFailures.addAll(List.of(failures));
    }

    synchronized void failNextWatches(ApiException... failures) {
        watchFailures.addAll(List.of(failures));
    }

    // ------------------------------------------------------------------ observations

    synchronized Map<String, T> snapshot() {
        return new LinkedHashMap<>(objects);
    }

    synchronized long revision() {
        return revision;
    }

    synchronized int openWatches() {
        return watches.size();
    }

    List<ListOptions> listCalls() {
        synchronized (listCalls) {
            return List.copyOf(listCalls);
        }
    }

    List<ListOptions> watchCalls() {
        synchronized (watchCalls) {
            return List.copyOf(watchCalls);
        }
    }

    // ------------------------------------------------------------------ ListerWatcher

    @Override
    public synchronized ObjectList<T> list(ListOptions options) throws ApiException {
        listCalls.add(options);
        if (!listFailures.isEmpty()) {
            throw listFailures.poll();
        }
        return new ObjectList<>("v1", "List", new ListMeta(null, Long.toString(revision), null, null),
                List.copyOf(objects.values()));
    }

    @Override
    public synchronized WatchStream<T> watch(ListOptions options) throws ApiException {
        watchCalls.add(options);
        if (!watchFailures.isEmpty()) {
            throw watchFailures.poll();
        }
        FakeWatch watch = new FakeWatch();
        String from = options.resourceVersion();
        if (from == null || from.isEmpty() || from.equals("0")) {
            objects.values().forEach(o -> watch.queue.add(new WatchEvent<>(WatchEvent.Type.ADDED, o, null)));
        } else {
            long version = Long.parseLong(from);
            if (version < compactedThrough) {
                throw new GoneException(new Status("v1", "Status", null, "Failure",
                        "too old resource version: " + version + " (" + compactedThrough + ")", "Expired", null, 410));
            }
            history.stream().filter(c -> c.revision() > version).forEach(c -> watch.queue.add(c.event()));
        }
        watches.add(watch);
        return watch;
    }

    private synchronized void closed(FakeWatch watch) {
        watches.remove(watch);
    }

    /** One open watch: a queue of events, END, or an exception to throw. */
    private final class FakeWatch implements WatchStream<T> {
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        volatile boolean deaf;
        private volatile boolean closed;

        @Override
        @SuppressWarnings("unchecked")
        public WatchEvent<T> next() throws ApiException {
            if (closed) {
                return null;
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the reader is being stopped; the watch is over for it
                return null;
            }
            if (item == END) {
                queue.add(END);
                return null;
            }
            if (item instanceof ApiException broken) {
                queue.add(END);
                throw broken;
            }
            return (WatchEvent<T>) item;
        }

        @Override
        public void close() {
            closed = true;
            queue.add(END);
            closed(this);
        }
    }
}
