package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ListerWatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One cache of one collection (a kind, optionally narrowed to a namespace and selectors), kept current by one
 * {@link Reflector}, shared by every controller in the process that cares about that collection, and fanned
 * out to each of their {@link ResourceEventHandler}s.
 *
 * <pre>
 *                              ┌─▶ dispatcher 1 (own thread, unbounded queue) ─▶ handler 1 ─▶ work queue 1
 *   API server ⇄ Reflector ──▶ ├─▶ dispatcher 2 ───────────────────────────────▶ handler 2 ─▶ work queue 2
 *                   │          └─▶ ...
 *                   ▼
 *              ThreadSafeStore ◀── lister() / indexer(): what every reconcile reads
 * </pre>
 *
 * <p><b>Why shared.</b> A controller-manager runs a dozen controllers, and most of them watch pods. One
 * informer per controller would mean a dozen watches on the API server and a dozen copies of every pod in
 * memory. A shared informer has one watch and one cache; each controller only adds a handler.
 *
 * <p><b>Guarantees to a handler</b> (see {@link ResourceEventHandler} for the full contract): notifications
 * are delivered in order, one at a time, on the handler's own thread, after the cache has changed; a slow
 * handler delays only itself. A handler added after {@link #start()} first receives an {@code onAdd} for
 * every object already cached — a consistent snapshot — and then every later change, with nothing missed or
 * repeated in between. That is what lets a controller start late and still be level-triggered.
 *
 * <p><b>Lifecycle.</b> Configure ({@link #addIndexers}, handlers), {@link #start()}, wait for
 * {@link #hasSynced()} before reading the lister (an unsynced lister would make a controller believe objects
 * are missing and create duplicates), {@link #stop()}. An informer runs once; it cannot be restarted.
 * Mirrors client-go's {@code sharedIndexInformer} ({@code tools/cache/shared_informer.go}).
 *
 * @param <T> the kind of object informed about
 */
public final class SharedInformer<T extends KubernetesObject> {
    private enum State { NEW, RUNNING, STOPPED }

    private final String name;
    private final ThreadSafeStore<T> store;
    private final Reflector<T> reflector;
    private final Lister<T> lister;
    /** Read by the reflector's thread on every change; written under the reflector's delivery lock. */
    private final List<HandlerDispatcher<T>> dispatchers = new CopyOnWriteArrayList<>();

    /** Guarded by {@code this}. */
    private State state = State.NEW;
    private Thread reflectorThread;
    private int handlersAdded;

    /**
     * An informer over {@code listerWatcher}, with the {@link Indexers#NAMESPACE} index.
     *
     * @param name          for logs and thread names, e.g. {@code "pods"}
     * @param listerWatcher the API to list and watch, already scoped to a namespace if it should be
     * @param listOptions   label and field selectors narrowing the collection ({@link ListOptions#none()} for all)
     * @param options       time, backoff and resync settings
     */
    public SharedInformer(String name, ListerWatcher<T> listerWatcher, ListOptions listOptions, InformerOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.store = new ThreadSafeStore<>(Indexers.defaults());
        this.reflector = new Reflector<>(name, listerWatcher, listOptions, store, new Distributor(), options);
        this.lister = Lister.of(store);
    }

    public String name() {
        return name;
    }

    /**
     * Adds secondary indexes to the cache. Only before {@link #start()}, as in client-go: a controller that
     * needs an index registers it while wiring up, before anyone reads.
     *
     * @throws IllegalStateException if the informer has started
     * @throws IllegalArgumentException if an index with one of these names exists
     */
    public synchronized void addIndexers(Map<String, IndexFunc<T>> indexers) {
        if (state != State.NEW) {
            throw new IllegalStateException(name + ": indexes must be added before the informer starts");
        }
        store.addIndexers(indexers);
    }

    /**
     * Registers a handler. Before {@link #start()} it will see the first list as adds; after, it first gets an
     * add for every cached object, then every later change.
     *
     * @throws IllegalStateException if the informer has been stopped
     */
    public synchronized HandlerRegistration addEventHandler(ResourceEventHandler<T> handler) {
        Objects.requireNonNull(handler, "handler");
        if (state == State.STOPPED) {
            throw new IllegalStateException(name + ": informer is stopped");
        }
        HandlerDispatcher<T> dispatcher = new HandlerDispatcher<>("informer-" + name + "-handler-" + ++handlersAdded,
                handler, reflector::hasSynced, this::removeHandler);
        if (state == State.NEW) {
            dispatchers.add(dispatcher);
            return dispatcher;
        }
        // Join a running informer at one consistent point: no change is applied while we copy the cache, so
        // the snapshot plus the changes queued after it are exactly the history from here on.
        reflector.runExclusive(() -> {
            for (T object : store.list()) {
                dispatcher.add(object, true);
            }
            dispatchers.add(dispatcher);
        });
        dispatcher.start();
        return dispatcher;
    }

    private void removeHandler(HandlerDispatcher<T> dispatcher) {
        reflector.runExclusive(() -> dispatchers.remove(dispatcher));
        dispatcher.stop();
    }

    /** Starts the reflector and the handlers' threads. Idempotent while running. */
    public synchronized void start() {
        if (state == State.RUNNING) {
            return;
        }
        if (state == State.STOPPED) {
            throw new IllegalStateException(name + ": a stopped informer cannot be restarted");
        }
        state = State.RUNNING;
        dispatchers.forEach(HandlerDispatcher::start);
        reflectorThread = new Thread(reflector::run, "informer-" + name);
        reflectorThread.setDaemon(true);
        reflectorThread.start();
    }

    /**
     * Stops the reflector (closing its watch), then every handler thread, and waits for them: when this
     * returns, no handler is running or will be called again. Notifications not yet delivered are dropped.
     * Idempotent; also valid before {@link #start()}, which then can no longer be called.
     */
    public void stop() {
        Thread thread;
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
            thread = reflectorThread;
        }
        reflector.stop();
        Threads.joinUninterruptibly(thread);
        dispatchers.forEach(HandlerDispatcher::stop);
    }

    /** Whether the cache holds the first full list (and the handlers have been given it, not necessarily run it). */
    public boolean hasSynced() {
        return reflector.hasSynced();
    }

    /** Waits (real time) until {@link #hasSynced()}; false if {@code timeout} passes first. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return reflector.awaitSynced(timeout);
    }

    /** The read-only view controllers read from. */
    public Lister<T> lister() {
        return lister;
    }

    /** The cache itself, read-only: keys and every secondary index. */
    public Indexer<T> indexer() {
        return store;
    }

    /** See {@link Reflector#lastSyncResourceVersion()}. */
    public String lastSyncResourceVersion() {
        return reflector.lastSyncResourceVersion();
    }

    /** Fans the reflector's notifications out to every dispatcher; runs under the reflector's delivery lock. */
    private final class Distributor implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T object) {
            // Until the first list is complete, every add is part of the initial state.
            boolean initial = !reflector.hasSynced();
            for (HandlerDispatcher<T> dispatcher : dispatchers) {
                dispatcher.add(object, initial);
            }
        }

        @Override
        public void onUpdate(T oldObject, T newObject) {
            for (HandlerDispatcher<T> dispatcher : dispatchers) {
                dispatcher.update(oldObject, newObject);
            }
        }

        @Override
        public void onDelete(Deleted<T> deleted) {
            for (HandlerDispatcher<T> dispatcher : dispatchers) {
                dispatcher.delete(deleted);
            }
        }
    }
}
