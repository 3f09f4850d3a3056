package io.tugboat.client.controller;

import io.tugboat.client.workqueue.RateLimiter;
import io.tugboat.client.workqueue.RateLimiters;
import io.tugboat.client.workqueue.RateLimitingQueue;
import io.tugboat.client.workqueue.SteppedClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Reconciler}: the worker loop of kubernetes/sample-controller, written once for every controller in
 * Tugboat.
 *
 * <p>Keys arrive from {@link Source}s (informer event handlers) into a {@link RateLimitingQueue}. {@link #start()}
 * waits until every source has synced — until then a cache could be missing objects that exist, and a controller
 * would "fix" a world it cannot see — and then starts the worker threads. Each runs this loop:
 *
 * <pre>
 *   ┌─▶ key = queue.get()                       blocks; empty after stop(): the thread ends
 *   │   result = reconciler.reconcile(key)
 *   │     ├─ done               ─▶ queue.forget(key)                         the backoff starts over
 *   │     ├─ requeueAfter(d)    ─▶ queue.forget(key); queue.addAfter(key, d)  look again at a known time
 *   │     ├─ requeueAt(t)       ─▶ queue.forget(key); queue.addAt(key, t)     (a moment the reconciler computed)
 *   │     └─ threw an exception ─▶ log; queue.addRateLimited(key)             retry after 5 ms, 10 ms, 20 ms...
 *   └── queue.done(key)                         always: lets the key be handed out again
 * </pre>
 *
 * <p>The queue guarantees that a key is never reconciled by two workers at once, and that ten changes to one object
 * while it waits cost one reconcile. The lifecycle:
 *
 * <pre>
 *   NEW ──start()──▶ SYNCING ──all sources synced──▶ RUNNING ──stop()──▶ STOPPED
 *                       └──── timeout, interrupt or stop() ──────────────────▲
 * </pre>
 *
 * <p>Wiring, as a controller manager's {@code main} does it:
 * <pre>{@code
 * ControllerRunner runner = ControllerRunner.builder("replicaset", new ReplicaSetController(...))
 *         .watches(replicaSetSource)      // keys of changed ReplicaSets
 *         .watches(podSource)             // keys of the ReplicaSets owning changed Pods
 *         .workers(5)
 *         .build();
 * runner.start();                         // blocks until synced, then returns; workers keep running
 * ...
 * runner.stop();
 * }</pre>
 *
 * <p>Counters of what the workers did are in {@link #stats()}.
 */
public final class ControllerRunner {

    private static final Logger log = LoggerFactory.getLogger(ControllerRunner.class);

    /**
     * Where keys come from: in practice an informer with an event handler that enqueues keys. It plugs in here
     * through an adapter, so this package does not depend on the informer's types:
     *
     * <pre>{@code
     * Source pods = Source.of(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(
     *         new ResourceEventHandler<Pod>() {
     *             public void onAdd(Pod pod) { enqueue.accept(Keys.keyOf(pod)); }
     *             public void onUpdate(Pod old, Pod pod) { enqueue.accept(Keys.keyOf(pod)); }
     *             public void onDelete(Object podOrTombstone) { enqueue.accept(keyOfPodOrTombstone); }
     *         }));
     * }</pre>
     *
     * For a watched kind that the controller does not reconcile itself (a ReplicaSet controller watching Pods), the
     * handler enqueues the key of the owner instead — sample-controller's {@code handleObject}.
     */
    public interface Source {

        /** True once the source has delivered the full initial list (client-go's {@code HasSynced}). */
        boolean hasSynced();

        /**
         * Registers {@code enqueue}; the source calls it with a key for every change. It must be cheap, and is safe to
         * call from any thread, at any time — before {@link ControllerRunner#start()} too.
         */
        void addKeyListener(Consumer<String> enqueue);

        /** A source made of two functions: typically an informer's {@code hasSynced} and a handler registration. */
        static Source of(BooleanSupplier hasSynced, Consumer<Consumer<String>> addKeyListener) {
            Objects.requireNonNull(hasSynced, "hasSynced");
            Objects.requireNonNull(addKeyListener, "addKeyListener");
            return new Source() {
                @Override
                public boolean hasSynced() {
                    return hasSynced.getAsBoolean();
                }

                @Override
                public void addKeyListener(Consumer<String> enqueue) {
                    addKeyListener.accept(enqueue);
                }
            };
        }
    }

    /**
     * What the workers have done so far.
     *
     * @param reconciles calls of {@code reconcile} that returned or threw
     * @param failures   those that threw (each one retried with backoff)
     * @param requeues   those that returned {@link ReconcileResult#requeueAfter}
     */
    public record Stats(long reconciles, long failures, long requeues) {
    }

    private enum State { NEW, SYNCING, RUNNING, STOPPED }

    private final String name;
    private final Reconciler reconciler;
    private final List<Source> sources;
    private final Clock clock;
    private final RateLimitingQueue<String> queue;
    private final int workerCount;
    private final Duration syncTimeout;
    private final Duration syncPollInterval;
    private final Duration stopTimeout;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled by stop() and by clock steps, to wake a start() waiting for sources to sync. */
    private final Condition stateChanged = lock.newCondition();
    private final Runnable wakeOnStep = this::signalStateChanged;
    /** Guarded by {@code lock}. */
    private State state = State.NEW;
    /** Started when the sources have synced. Guarded by {@code lock}. */
    private final List<Thread> workers = new ArrayList<>();
    /** Read by workers between keys: once set, they finish the key in hand and return. */
    private volatile boolean stopping;

    // Updated after the queue has been told what to do with the key, so a test that sees a count change can rely
    // on the key's retry being scheduled already.
    private final AtomicLong reconciles = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong requeues = new AtomicLong();

    private ControllerRunner(Builder builder) {
        this.name = builder.name;
        this.reconciler = builder.reconciler;
        this.sources = List.copyOf(builder.sources);
        this.clock = builder.clock;
        RateLimiter<String> rateLimiter =
                builder.rateLimiter != null ? builder.rateLimiter : RateLimiters.defaultControllerRateLimiter(clock);
        this.queue = new RateLimitingQueue<>(name, clock, rateLimiter);
        this.workerCount = builder.workers;
        this.syncTimeout = builder.syncTimeout;
        this.syncPollInterval = builder.syncPollInterval;
        this.stopTimeout = builder.stopTimeout;
    }

    /** A builder for a runner called {@code name} (used in thread names and log lines) that drives {@code reconciler}. */
    public static Builder builder(String name, Reconciler reconciler) {
        return new Builder(name, reconciler);
    }

    /**
     * Waits until every source has synced, then starts the workers and returns. Keys that arrive before that wait in
     * the queue.
     *
     * <p>If the sources do not sync within the sync timeout (measured on the runner's clock), or the calling thread
     * is interrupted, the runner is stopped and the exception is thrown. If {@link #stop()} is called meanwhile,
     * returns without starting anything.
     *
     * @throws IllegalStateException if called more than once
     * @throws TimeoutException      if the sources did not sync in time
     * @throws InterruptedException  if interrupted while waiting
     */
    public void start() throws InterruptedException, TimeoutException {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException(name + " has already been started");
            }
            state = State.SYNCING;
        } finally {
            lock.unlock();
        }

        boolean synced = false;
        try {
            synced = waitForSourcesToSync();
        } finally {
            if (!synced) {
                stop(); // timed out, interrupted, or already stopped: make sure nothing is left behind
            }
        }

        lock.lock();
        try {
            if (state != State.SYNCING) {
                return; // stop() came first
            }
            for (int i = 0; i < workerCount; i++) {
                Thread worker = new Thread(this::runWorker, name + "-worker-" + i);
                worker.setDaemon(true);
                worker.setUncaughtExceptionHandler((thread, error) ->
                        log.error("{}: worker {} died; {} now has fewer workers", name, thread.getName(), name, error));
                workers.add(worker);
                worker.start();
            }
            state = State.RUNNING;
        } finally {
            lock.unlock();
        }
        log.info("Started {} workers for {}", workerCount, name);
    }

    /**
     * Stops the runner: the queue shuts down, no new reconcile starts, and each worker returns once the reconcile it
     * is running (if any) returns. Keys still queued are dropped — when the controller runs again, its informers list
     * every object and the keys come back.
     *
     * <p>Waits up to the stop timeout for the workers. Any still running then are interrupted (a reconcile blocked
     * in I/O or a wait gets an {@link InterruptedException}) and waited for once more. If the calling thread is
     * interrupted while waiting, the workers are interrupted too and the interrupt flag is kept.
     *
     * <p>Safe to call more than once, from any thread, in any state.
     *
     * @return true if every thread of the runner ended within the stop timeout without being interrupted
     */
    public boolean stop() {
        List<Thread> started;
        lock.lock();
        try {
            state = State.STOPPED;
            stopping = true;
            started = List.copyOf(workers);
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
        queue.shutDown();

        try {
            long deadline = System.nanoTime() + stopTimeout.toNanos();
            boolean clean = joinUntil(started, deadline) && queue.awaitTermination(stopTimeout);
            if (!clean) {
                log.warn("{}: workers did not finish within {} of stop(); interrupting them", name, stopTimeout);
                interruptAll(started);
                joinUntil(started, System.nanoTime() + stopTimeout.toNanos());
            }
            return clean;
        } catch (InterruptedException e) {
            interruptAll(started);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Queues {@code key} for a reconcile. What a {@link Source}'s listener does; a controller may also call it, say
     * for keys it computed itself. Ignored once the runner is stopped.
     */
    public void enqueue(String key) {
        queue.add(Objects.requireNonNull(key, "key"));
    }

    /** How many times in a row the reconcile of {@code key} has failed; 0 after it succeeds. */
    public int numRequeues(String key) {
        return queue.numRequeues(key);
    }

    /** A snapshot of the counters. */
    public Stats stats() {
        return new Stats(reconciles.get(), failures.get(), requeues.get());
    }

    /** The runner's name. */
    public String name() {
        return name;
    }

    private void registerSources() {
        for (Source source : sources) {
            source.addKeyListener(this::enqueue);
        }
    }

    /** client-go's {@code WaitForNamedCacheSync}: poll every source, log the start and the outcome. */
    private boolean waitForSourcesToSync() throws InterruptedException, TimeoutException {
        log.info("Waiting for caches to sync for {}", name);
        Instant deadline = clock.instant().plus(syncTimeout);
        if (clock instanceof SteppedClock stepped) {
            stepped.addStepListener(wakeOnStep); // fake time passing must be able to end the wait
        }
        try {
            lock.lockInterruptibly();
            try {
                while (true) {
                    if (state != State.SYNCING) {
                        log.info("Stopped {} while waiting for caches to sync", name);
                        return false;
                    }
                    if (sources.stream().allMatch(Source::hasSynced)) {
                        log.info("Caches are synced for {}", name);
                        return true;
                    }
                    Instant now = clock.instant();
                    if (!now.isBefore(deadline)) {
                        log.error("Timed out after {} waiting for caches to sync for {}", syncTimeout, name);
                        throw new TimeoutException(name + ": caches did not sync within " + syncTimeout);
                    }
                    // Sources don't announce that they have synced, so look again after a short real-time pause.
                    Duration untilDeadline = Duration.between(now, deadline);
                    stateChanged.awaitNanos(
                            untilDeadline.compareTo(syncPollInterval) < 0 ? untilDeadline.toNanos() : syncPollInterval.toNanos());
                }
            } finally {
                lock.unlock();
            }
        } finally {
            if (clock instanceof SteppedClock stepped) {
                stepped.removeStepListener(wakeOnStep);
            }
        }
    }

    /** One worker thread: sample-controller's {@code runWorker}. */
    private void runWorker() {
        try {
            while (!stopping && processNextWorkItem()) {
                // next key
            }
        } catch (InterruptedException e) {
            // Interrupted in get() or in a reconcile: the runner is stopping. End this thread, flag intact.
            Thread.currentThread().interrupt();
        }
    }

    /** sample-controller's {@code processNextWorkItem}. Returns false when the queue has shut down. */
    private boolean processNextWorkItem() throws InterruptedException {
        Optional<String> next = queue.get();
        if (next.isEmpty()) {
            return false;
        }
        String key = next.get();
        try {
            reconcile(key);
        } finally {
            queue.done(key);
        }
        return true;
    }

    private void reconcile(String key) throws InterruptedException {
        ReconcileResult result;
        try {
            result = Objects.requireNonNull(reconciler.reconcile(key), "reconcile returned null");
        } catch (InterruptedException e) {
            queue.add(key); // not finished: back in line (ignored if the queue is shutting down)
            throw e;
        } catch (Exception e) {
            queue.addRateLimited(key);
            log.warn("{}: reconcile of {} failed ({} in a row), retrying with backoff: {}",
                    name, key, queue.numRequeues(key), e.toString());
            log.debug("{}: reconcile of {} failed", name, key, e);
            failures.incrementAndGet();
            reconciles.incrementAndGet();
            return;
        }
        queue.forget(key);
        if (result instanceof ReconcileResult.RequeueAfter requeue) {
            queue.addAfter(key, requeue.delay());
            requeues.incrementAndGet();
        } else if (result instanceof ReconcileResult.RequeueAt requeue) {
            queue.addAt(key, requeue.at());
            requeues.incrementAndGet();
        }
        reconciles.incrementAndGet();
    }

    private void signalStateChanged() {
        lock.lock();
        try {
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Joins each thread until {@code deadlineNanos} ({@link System#nanoTime()}); true if all have ended. */
    private static boolean joinUntil(List<Thread> threads, long deadlineNanos) throws InterruptedException {
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue; // stop() called from a reconcile: this worker ends when the reconcile returns
            }
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        }
        return threads.stream().noneMatch(t -> t != Thread.currentThread() && t.isAlive());
    }

    private static void interruptAll(List<Thread> threads) {
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    /**
     * Configures a {@link ControllerRunner}. Defaults: 2 workers, the system clock, client-go's default controller
     * rate limiter on that clock, 2 minutes to sync, polled every 100 ms, 30 seconds to stop.
     */
    public static final class Builder {
        private final String name;
        private final Reconciler reconciler;
        private final List<Source> sources = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private RateLimiter<String> rateLimiter;
        private int workers = 2;
        private Duration syncTimeout = Duration.ofMinutes(2);
        private Duration syncPollInterval = Duration.ofMillis(100);
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder(String name, Reconciler reconciler) {
            this.name = Objects.requireNonNull(name, "name");
            this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        }

        /** Adds a source of keys; {@link #start()} waits for it to sync. */
        public Builder watches(Source source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Adds a source made of an informer's {@code hasSynced} and a way to register a key listener. */
        public Builder watches(BooleanSupplier hasSynced, Consumer<Consumer<String>> addKeyListener) {
            return watches(Source.of(hasSynced, addKeyListener));
        }

        /** How many keys may be reconciled at once (never the same key twice). */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("need at least one worker, got " + count);
            }
            this.workers = count;
            return this;
        }

        /** The clock for retry delays, requeues and the sync timeout. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Replaces the default rate limiter, which paces retries of failed keys. */
        public Builder rateLimiter(RateLimiter<String> rateLimiter) {
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        /** How long {@link #start()} waits for the sources to sync, on the runner's clock. */
        public Builder syncTimeout(Duration timeout) {
            this.syncTimeout = positive(timeout, "syncTimeout");
            return this;
        }

        /** How often {@link #start()} asks the sources whether they have synced, in real time. */
        public Builder syncPollInterval(Duration interval) {
            this.syncPollInterval = positive(interval, "syncPollInterval");
            return this;
        }

        /**
         * How long {@link #stop()} waits for workers to finish, in real time — a safety net, not part of any control
         * loop, and no fake clock can make a thread finish sooner.
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /** Builds the runner and registers it with every source; keys are queued from then on. */
        public ControllerRunner build() {
            ControllerRunner runner = new ControllerRunner(this);
            runner.registerSources();
            return runner;
        }

        private static Duration positive(Duration duration, String what) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
