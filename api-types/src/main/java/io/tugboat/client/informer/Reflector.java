package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException;
import io.tugboat.client.ApiException.GoneException;
import io.tugboat.client.ApiException.ServerErrorException;
import io.tugboat.client.ApiException.TooManyRequestsException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ListerWatcher;
import io.tugboat.client.WatchEvent;
import io.tugboat.client.WatchStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ThreadSafeStore} equal to one collection on the API server — "reflects" it — and tells a
 * {@link ResourceEventHandler} about every change it makes to the store.
 *
 * <pre>
 *   ┌─────────▶ list ──▶ replace the store, deliver the difference, RV := the list's
 *   │                          │
 *   │                          ▼
 *   │            ┌──────▶ watch from RV ──▶ ADDED / MODIFIED / DELETED: apply, deliver, RV := the event's
 *   │            │             │            BOOKMARK: RV := the bookmark's, nothing else
 *   │            │             ▼
 *   │            └──── the stream ended (server timeout): watch again, no relist
 *   │
 *   └── backoff ◀──── ERROR event (410 Expired or other), broken stream, 410 from watch(),
 *                     a failed list, a watch() refused for any reason but 429 or no answer
 * </pre>
 *
 * <p><b>Why list, then watch.</b> A watch only reports changes; a list says what exists. The list's
 * resourceVersion (an etcd revision) names the exact point in history the list was read at, and a watch from
 * that version reports every change after it, in order, with nothing missed and nothing repeated. After each
 * event the reflector remembers the event's resourceVersion, so when the server ends a watch (it does, every
 * five to ten minutes, see {@link InformerOptions#minWatchTimeout()}), the next watch continues exactly where
 * the last stopped, without listing again. Bookmarks move that position forward while nothing this watch
 * cares about changes, so a restarted watch does not start from a version the server has already forgotten.
 *
 * <p><b>When the history is gone: 410 and relist.</b> The API server keeps only a window of recent changes.
 * A watch from a version older than the window fails with 410 Gone (as an {@code ERROR} event with reason
 * {@code Expired}, or as a {@link GoneException} from {@code watch}). Then the only way back is a new list.
 * The reflector compares that list with the store and delivers only the difference: objects not cached
 * before are adds; objects whose resourceVersion changed are updates (old, new); cached objects missing from
 * the list were deleted while the reflector was not watching and are delivered as
 * {@link DeletedFinalStateUnknown} tombstones. Unchanged objects are not re-delivered. A broken stream (the
 * connection drops mid-watch) is treated the same way; it is rare and a relist is always safe.
 *
 * <p><b>Backoff.</b> Every relist after a failure, and every retry of a watch the server refused with 429 or
 * never answered, waits first (see {@link Backoff}): 0.8s doubling to 30s, with jitter. A watch the server
 * closes within a second without sending anything also counts as a failure, so a misbehaving server is not
 * hammered.
 *
 * <p><b>Resync.</b> With a {@link InformerOptions#resyncPeriod() resync period}, every cached object is
 * re-delivered as {@code onUpdate(obj, obj)} that often. It does not talk to the server; it gives
 * level-triggered controllers a periodic nudge to re-check everything.
 *
 * <p><b>Which resourceVersion a list asks for.</b> The first list asks for {@code "0"} ("any version you
 * have"), which the API server answers from its watch cache without touching etcd. Every relist asks for the
 * most recent version (no resourceVersion). client-go relists at its last seen version instead, relying on
 * Kubernetes answering "at least as new as N"; Tugboat's API server answers {@code resourceVersion=N} with
 * the state <em>exactly at</em> N, which after a 410 would be the same too-old point again.
 *
 * <p>Threading: {@link #run()} blocks and is meant for a dedicated thread; {@link #stop()} may be called
 * from any thread. The handler is called on the reflector's thread (and the resync thread), one call at a
 * time, after the store has changed — keep it fast, as {@link SharedInformer}'s fan-out is. Mirrors client-go's
 * {@code Reflector} ({@code tools/cache/reflector.go}) feeding the store directly instead of through a
 * {@code DeltaFIFO}; see the package documentation for why.
 *
 * @param <T> the kind of object reflected
 */
public final class Reflector<T extends KubernetesObject> {
    private static final Logger log = LoggerFactory.getLogger(Reflector.class);
    /** A watch that ends this soon without any event counts as a failure. */
    private static final Duration SHORT_WATCH = Duration.ofSeconds(1);

    private final String name;
    private final ListerWatcher<T> listerWatcher;
    private final ListOptions listOptions;
    private final ThreadSafeStore<T> store;
    private final ResourceEventHandler<T> handler;
    private final InformerOptions options;
    private final Backoff backoff;

    /**
     * Held while one change is applied to the store and handed to the handler, so the two happen as one step.
     * {@link #runExclusive} takes it to see a store that matches exactly what the handler has been told.
     */
    private final Object deliveryLock = new Object();
    /** Counted down once, after the first list has been stored and delivered. */
    private final CountDownLatch synced = new CountDownLatch(1);
    private volatile String lastSyncResourceVersion = "";

    /** Guarded by {@code this}: the lifecycle, and the open watch that {@link #stop()} must close. */
    private boolean running;
    private volatile boolean stopped;
    private Thread runner;
    private WatchStream<T> openWatch;

    /**
     * @param name          for logs and thread names, e.g. {@code "pods"}
     * @param listerWatcher the API to list and watch; already scoped to a namespace if it should be
     * @param listOptions   label and field selectors to apply; its resourceVersion and timeout are ignored
     * @param store         the cache to keep; this reflector must be its only writer
     * @param handler       told about every change after it is applied to the store
     * @param options       time, backoff and resync settings
     */
    public Reflector(String name, ListerWatcher<T> listerWatcher, ListOptions listOptions, ThreadSafeStore<T> store,
                     ResourceEventHandler<T> handler, InformerOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.listerWatcher = Objects.requireNonNull(listerWatcher, "listerWatcher");
        this.listOptions = Objects.requireNonNull(listOptions, "listOptions");
        this.store = Objects.requireNonNull(store, "store");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.backoff = new Backoff(options);
    }

    public String name() {
        return name;
    }

    /** Whether the first full list has been stored and delivered to the handler. Stays true once true. */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Waits (real time) until {@link #hasSynced()}; false if {@code timeout} passes first. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The resourceVersion the store reflects: that of the last list, or of the last watch event or bookmark
     * applied after it. {@code ""} before the first list.
     */
    public String lastSyncResourceVersion() {
        return lastSyncResourceVersion;
    }

    /**
     * Lists, watches and relists until {@link #stop()} is called or the thread is interrupted; failures are
     * logged and retried with backoff, never thrown. May be called once.
     */
    public void run() {
        synchronized (this) {
            if (running) {
                throw new IllegalStateException(name + ": reflector already ran");
            }
            running = true;
            if (stopped) {
                return;
            }
            runner = Thread.currentThread();
        }
        Thread resyncer = startResyncer();
        try {
            while (!stopped) {
                try {
                    listAndWatch();
                } catch (ApiException e) {
                    log.warn("{}: list or watch failed: {}", name, e.getMessage());
                } catch (RuntimeException e) {
                    log.error("{}: list or watch failed unexpectedly", name, e);
                }
                if (!stopped) {
                    options.sleeper().sleep(backoff.next());
                }
            }
        } catch (InterruptedException e) {
            // Interrupted while waiting: whoever owns this thread wants it to end; keep the flag for them.
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                stopped = true;
                runner = null;
            }
            stopResyncer(resyncer);
            log.debug("{}: reflector stopped", name);
        }
    }

    /**
     * Makes {@link #run()} return soon: closes the open watch and interrupts the running thread to cut a
     * backoff short. Idempotent.
     */
    public void stop() {
        WatchStream<T> watch;
        Thread thread;
        synchronized (this) {
            stopped = true;
            watch = openWatch;
            thread = runner;
        }
        if (watch != null) {
            watch.close();
        }
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    /** Re-delivers every cached object as {@code onUpdate(obj, obj)}. Called periodically when resync is on. */
    public void resync() {
        synchronized (deliveryLock) {
            for (T object : store.list()) {
                deliver(() -> handler.onUpdate(object, object));
            }
        }
    }

    /**
     * Runs {@code action} while no change is being applied: the store then holds exactly what the handler has
     * been told so far. {@link SharedInformer} uses it to give a late handler a snapshot and start its stream
     * of changes at the same point.
     */
    void runExclusive(Runnable action) {
        synchronized (deliveryLock) {
            action.run();
        }
    }

    // ------------------------------------------------------------------ list

    private void listAndWatch() throws ApiException, InterruptedException {
        String version = hasSynced() ? null : "0";
        ObjectList<T> list = listerWatcher.list(listOptions.withResourceVersion(version).withTimeoutSeconds(null));
        if (stopped) {
            return;
        }
        String listVersion = list.metadata() == null ? null : list.metadata().resourceVersion();
        if (listVersion == null || listVersion.isEmpty()) {
            log.warn("{}: list has no resourceVersion; the watch will start from the current state", name);
        }
        syncWith(list, listVersion);
        watch();
    }

    /** Replaces the store with the list and delivers the difference, as one step. */
    private void syncWith(ObjectList<T> list, String listVersion) {
        Map<String, T> listed = new LinkedHashMap<>();
        for (T object : list.items()) {
            listed.put(Keys.keyOf(object), object);
        }
        synchronized (deliveryLock) {
            Map<String, T> before = new HashMap<>();
            for (T object : store.list()) {
                before.put(Keys.keyOf(object), object);
            }
            store.replace(listed.values());
            lastSyncResourceVersion = listVersion == null ? "" : listVersion;
            for (Map.Entry<String, T> entry : listed.entrySet()) {
                T old = before.remove(entry.getKey());
                T now = entry.getValue();
                if (old == null) {
                    deliver(() -> handler.onAdd(now));
                } else if (!unchanged(old, now)) {
                    deliver(() -> handler.onUpdate(old, now));
                }
            }
            for (Map.Entry<String, T> vanished : before.entrySet()) {
                Deleted<T> tombstone = new DeletedFinalStateUnknown<>(vanished.getKey(), vanished.getValue());
                deliver(() -> handler.onDelete(tombstone));
            }
            synced.countDown();
        }
        log.debug("{}: listed {} objects at resourceVersion {}", name, listed.size(), listVersion);
    }

    /** Same resourceVersion means same object; equal records without a version are also unchanged. */
    private static boolean unchanged(KubernetesObject old, KubernetesObject now) {
        String oldVersion = old.metadata().resourceVersion();
        return oldVersion != null ? oldVersion.equals(now.metadata().resourceVersion()) : old.equals(now);
    }

    // ------------------------------------------------------------------ watch

    /** Watches from the last resourceVersion until a relist is needed (returns or throws) or we stop. */
    private void watch() throws ApiException, InterruptedException {
        while (!stopped) {
            Instant started = options.clock().instant();
            WatchStream<T> stream;
            try {
                stream = listerWatcher.watch(watchOptions());
            } catch (GoneException e) {
                log.info("{}: resourceVersion {} is too old to watch from; relisting", name, lastSyncResourceVersion);
                return;
            } catch (ApiException e) {
                if (!worthRewatching(e)) {
                    throw e;
                }
                // The version is still good; the server is busy or unreachable. Try the same watch later.
                log.info("{}: watch refused ({}); retrying", name, e.getMessage());
                options.sleeper().sleep(backoff.next());
                continue;
            }
            int events;
            try {
                if (!track(stream)) {
                    return;
                }
                events = consume(stream);
            } finally {
                untrack(stream);
                stream.close();
            }
            if (events < 0) {
                return;
            }
            if (events == 0 && !stopped
                    && Duration.between(started, options.clock().instant()).compareTo(SHORT_WATCH) < 0) {
                log.info("{}: watch closed at once without events; backing off", name);
                options.sleeper().sleep(backoff.next());
            }
        }
    }

    /** 429, or no answer at all (code 0): the resourceVersion is fine, the server is not. */
    private static boolean worthRewatching(ApiException e) {
        return e instanceof TooManyRequestsException || (e instanceof ServerErrorException && e.code() == 0);
    }

    private ListOptions watchOptions() {
        long minSeconds = options.minWatchTimeout().toSeconds();
        int timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, minSeconds + (long) (minSeconds * options.random().nextDouble()));
        return listOptions.withResourceVersion(lastSyncResourceVersion).withTimeoutSeconds(timeoutSeconds)
                .withAllowWatchBookmarks(true).withLimit(null);
    }

    /**
     * Applies events until the stream ends. Returns how many arrived, or -1 when the watch is lost (an ERROR
     * event, or the stream broke) and the reflector must relist.
     */
    private int consume(WatchStream<T> stream) {
        int events = 0;
        while (!stopped) {
            WatchEvent<T> event;
            try {
                event = stream.next();
            } catch (ApiException e) {
                log.warn("{}: watch stream broke ({}); relisting", name, e.getMessage());
                return -1;
            }
            if (event == null || stopped) {
                break;
            }
            events++;
            switch (event.type()) {
                case ADDED, MODIFIED -> applyUpsert(event.object());
                case DELETED -> applyDelete(event.object());
                case BOOKMARK -> advanceTo(event.object());
                case ERROR -> {
                    logError(event.status());
                    return -1;
                }
            }
        }
        return events;
    }

    private void applyUpsert(T object) {
        if (!wellFormed(object)) {
            return;
        }
        synchronized (deliveryLock) {
            Optional<T> old = store.upsert(object);
            // Advance first: whoever sees the notification must also see a resume point at least this new.
            advanceTo(object);
            if (old.isPresent()) {
                deliver(() -> handler.onUpdate(old.get(), object));
            } else {
                deliver(() -> handler.onAdd(object));
            }
        }
    }

    private void applyDelete(T object) {
        if (!wellFormed(object)) {
            return;
        }
        synchronized (deliveryLock) {
            // A delete of something never cached (deleted before our list saw it) changes nothing to report.
            boolean known = store.delete(Keys.keyOf(object)).isPresent();
            advanceTo(object);
            if (known) {
                Deleted<T> deleted = new DeletedObject<>(object);
                deliver(() -> handler.onDelete(deleted));
            }
        }
    }

    private boolean wellFormed(T object) {
        ObjectMeta meta = object == null ? null : object.metadata();
        if (meta == null || meta.name() == null || meta.name().isEmpty()) {
            log.warn("{}: ignoring watch event for an object without a name: {}", name, object);
            return false;
        }
        return true;
    }

    /** Remembers the resourceVersion of an event's (or bookmark's) object as the point to resume from. */
    private void advanceTo(T object) {
        ObjectMeta meta = object == null ? null : object.metadata();
        if (meta != null && meta.resourceVersion() != null && !meta.resourceVersion().isEmpty()) {
            lastSyncResourceVersion = meta.resourceVersion();
        }
    }

    private void logError(Status status) {
        boolean expired = status != null && (Integer.valueOf(410).equals(status.code())
                || "Expired".equals(status.reason()) || "Gone".equals(status.reason()));
        if (expired) {
            log.info("{}: watch expired at resourceVersion {}; relisting", name, lastSyncResourceVersion);
        } else {
            log.warn("{}: watch sent an error ({}); relisting", name, status);
        }
    }

    /** Calls the handler; a handler bug is logged, not allowed to stop the reflector. */
    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("{}: event handler failed", name, e);
        }
    }

    /** Records the open watch so {@link #stop()} can close it; false if we are already stopping. */
    private synchronized boolean track(WatchStream<T> stream) {
        if (stopped) {
            return false;
        }
        openWatch = stream;
        return true;
    }

    private synchronized void untrack(WatchStream<T> stream) {
        if (openWatch == stream) {
            openWatch = null;
        }
    }

    // ------------------------------------------------------------------ resync

    private Thread startResyncer() {
        Duration period = options.resyncPeriod();
        if (period.isZero()) {
            return null;
        }
        Thread thread = new Thread(() -> {
            try {
                while (!stopped) {
                    options.sleeper().sleep(period);
                    if (!stopped && hasSynced()) {
                        resync();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop() asked us to end; we do, flag restored
            }
        }, name + "-resync");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Interrupts the resync thread and waits for it to end. */
    private static void stopResyncer(Thread resyncer) {
        if (resyncer != null) {
            resyncer.interrupt();
            Threads.joinUninterruptibly(resyncer);
        }
    }
}
