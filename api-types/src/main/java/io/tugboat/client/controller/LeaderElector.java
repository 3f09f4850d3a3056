package io.tugboat.client.controller;

import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, as client-go's {@code tools/leaderelection}: of
 * several replicas of a component (the scheduler, the controller manager) exactly one works, and when it dies
 * another takes over within seconds.
 *
 * <h2>The Lease is the whole protocol</h2>
 *
 * Candidates never talk to each other. They share one Lease object, whose spec says who leads:
 * <pre>
 *   spec:
 *     holderIdentity: tug-scheduler-vm1_6f1c…   who leads ("" after a release: nobody)
 *     leaseDurationSeconds: 15                   how long the others wait for a sign of life
 *     acquireTime: 2024-05-01T12:00:00.000000Z   when the holder took it
 *     renewTime:   2024-05-01T12:03:14.123456Z   when the holder last renewed it
 *     leaseTransitions: 3                        how many times the holder changed
 * </pre>
 * Every {@code retryPeriod} each candidate makes one attempt ({@code tryAcquireOrRenew}): it reads the Lease
 * and, depending on what it finds, creates it (absent), renews it (ours), takes it over (released, or unchanged
 * for a whole {@code leaseDuration}) or leaves it alone (somebody else's, alive). Every write carries the
 * {@code resourceVersion} that was read, so of two candidates racing for the same Lease the API server lets one
 * win and answers the other 409 Conflict; the loser simply reads again next time.
 *
 * <h2>Time: observed, never compared</h2>
 *
 * A candidate never compares {@code renewTime} with its own clock: the holder's clock may be minutes off. It
 * only notices <em>that the spec changed</em>, and notes its own local time when it noticed ("observed time").
 * The Lease is expired when it has not changed for {@code leaseDuration} of the candidate's own clock. So clocks
 * may disagree on the time by any amount; what must hold is that they run at (nearly) the same <em>rate</em>.
 * A fresh candidate therefore waits a full {@code leaseDuration} before taking over a Lease it has never seen
 * change, even one whose {@code renewTime} is an hour old; only a released Lease (empty holder) is taken at once.
 *
 * <h2>The guarantee, and why it holds</h2>
 *
 * <b>Two candidates never lead at the same time, given clocks that run at the same rate</b> (and callbacks that
 * do what {@link LeaderElectionConfig} asks). The leader gives up <em>before</em> anybody may take over:
 * <pre>
 *        s: A sends its last successful renew (it lands at w, s ≤ w)
 *        │
 *   A  ══╪═══════════════════════╗                                       A leads while renewals succeed
 *        │  renewals fail / hang ║ s + renewDeadline: A stops leading (onStoppedLeading, isLeader() false)
 *        │                       ║
 *   B  ··│······o················║···································╔═══  B leads
 *        │      │ B reads the    ║                                   ║
 *        │      │ changed Lease  ║                                   ║ o + leaseDuration: the Lease has not
 *        │      │ (w ≤ o)        ║                                   ║ changed since o; B takes it over
 *   ─────┴──────┴────────────────┴───────────────────────────────────┴──────────►  time
 *        s      o         s + renewDeadline                    o + leaseDuration  ≥  s + leaseDuration
 *                                ├──── margin ≥ leaseDuration − renewDeadline ───┤
 * </pre>
 * <ol>
 *   <li>The leader measures from <em>before</em> it sends a renew ({@code s}); a candidate measures from
 *       <em>after</em> it read the change ({@code o}). The read saw the write, so {@code s ≤ w ≤ o}: both round
 *       in the safe direction.</li>
 *   <li>B's takeover is an update carrying the {@code resourceVersion} B last read, and B restarts its wait
 *       whenever the spec it reads has changed. So the takeover succeeds only if A wrote nothing after the
 *       renewal B saw at {@code o}: B starts no earlier than {@code o + leaseDuration ≥ s + leaseDuration}.</li>
 *   <li>A stops leading at {@code s + renewDeadline} at the latest, even while its request still hangs:
 *       requests run on a separate thread and the elector waits for them only until the deadline.</li>
 * </ol>
 * With clocks at the same rate, A has stopped at least {@code leaseDuration − renewDeadline} (5 s by default)
 * before B starts; that margin absorbs callback latency and small rate differences. A clock running faster than
 * another by the ratio {@code leaseDuration / renewDeadline} or more would eat it.
 *
 * <p>What it does <em>not</em> give is fencing: a process frozen in the middle of a write (a long GC pause, a
 * suspended VM) for longer than the margin wakes up and finishes that write after a successor started. Kubernetes
 * has the same hole; check {@link #isLeader()} right before acting, and let the writes themselves be guarded by
 * {@code resourceVersion}, as every Tugboat controller's are.
 *
 * <h2>Lifecycle</h2>
 *
 * <pre>
 *   run() ──► acquiring ──(create / take over)──► leading ──(renew every retryPeriod)──┐
 *               │   ▲  every retryPeriod (+ jitter)  │  ▲                               │
 *               │   └────────────────────────────────┘  └───────────────────────────────┘
 *               │                                    │
 *               │ stop()                             ├─ no renewal for renewDeadline ──► returns LOST
 *               ▼                                    ├─ someone else holds the Lease ──► returns LOST
 *          returns STOPPED ◄── release the Lease ◄───┴─ stop()
 * </pre>
 * {@link #run()} blocks for the whole life of the elector and returns once it no longer leads: {@link
 * Result#LOST} when leadership was lost (kube-scheduler then exits and its restart competes again with a fresh
 * identity, and so should its Tugboat counterpart), {@link Result#STOPPED} after {@link #stop()}. An elector runs
 * once.
 *
 * <pre>{@code
 * LeaderElectionConfig config = LeaderElectionConfig.builder("kube-system", "tug-scheduler",
 *                 LeaderElectionConfig.uniqueIdentity(hostname))
 *         .onStartedLeading(scheduler::start)
 *         .onStoppedLeading(scheduler::stopAndWait)
 *         .build();
 * LeaderElector elector = LeaderElector.forLease(electionClient, config);
 * CountDownLatch finished = new CountDownLatch(1);
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> {
 *     elector.stop();                               // SIGTERM: step down and release the Lease ...
 *     try {
 *         finished.await(15, TimeUnit.SECONDS);     // ... before the JVM goes
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * }));
 * LeaderElector.Result result = elector.run();
 * finished.countDown();                             // before System.exit, which waits for the hook
 * if (result == LeaderElector.Result.LOST) {
 *     System.exit(1);                               // a restart competes again, with a fresh identity
 * }
 * }</pre>
 * Give the elector its own {@link ApiClient}: a client shared with busy controllers may keep a renewal waiting
 * for a rate-limiter token past the deadline.
 *
 * <p>Differences from client-go: the renew deadline is measured from the moment the last successful renewal was
 * sent (client-go starts it one {@code retryPeriod} after a renewal returned, so its leader may hold on for up to
 * {@code renewDeadline + retryPeriod} plus a request), a leader that reads another holder in the Lease stops at once
 * instead of at the deadline, a waiting candidate wakes exactly when the Lease it watches expires, and {@code
 * releaseOnCancel} is on by default.
 */
public final class LeaderElector {
    private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

    /** Why {@link #run()} returned. */
    public enum Result {
        /** {@link #stop()} was called; if we were leading, we stepped down (and released the Lease). */
        STOPPED,
        /** We led, then could not renew within {@code renewDeadline} or found someone else holding the Lease. */
        LOST
    }

    /** What one attempt does with the Lease it has just read; see {@link #decide}. */
    enum Move {
        /** There is no Lease: create it, holding it. */
        CREATE,
        /** The Lease is ours: renew it. */
        RENEW,
        /** The Lease is released, or has not changed for its whole duration: take it over. */
        TAKE_OVER,
        /** Somebody else holds a live Lease: leave it alone. */
        WAIT
    }

    private final LeaderElectionConfig config;
    private final LeaderLeaseStore store;
    private final Clock clock;

    // What we last saw of the Lease, written by the I/O thread and read by the run() thread and callers of
    // isLeader(); guarded by "this". Kept out of the lock while a request is in flight.
    /** The Lease as last read or written by us; null when there was none. */
    private Lease observed;
    /** Our clock's time when {@code observed.spec} last changed, i.e. when we last saw a sign of life. */
    private Instant observedTime;
    /** Our clock's time just before we sent the last acquire or renew that succeeded; null before the first. */
    private Instant renewedAt;

    /** True between onStartedLeading and onStoppedLeading; written only by the run() thread. */
    private volatile boolean leading;
    /** The holder last passed to onNewLeader; run() thread only. */
    private String reportedLeader = "";

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    /** An acquire attempt in flight, which {@link #stop()} may abandon; renewals are never abandoned. */
    private volatile Future<?> acquireInFlight;

    /** An elector for the Lease named by {@code config}, on the API server behind {@code client}. */
    public static LeaderElector forLease(ApiClient client, LeaderElectionConfig config) {
        return new LeaderElector(config, LeaderLeaseStore.of(client, config.leaseNamespace(), config.leaseName()));
    }

    /** An elector working on {@code store}, which must hold the Lease {@code config} names. */
    public LeaderElector(LeaderElectionConfig config, LeaderLeaseStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = config.clock();
    }

    // ------------------------------------------------------------------ public API

    /**
     * Competes for the Lease until leadership is lost or {@link #stop()} is called, calling back as it goes (on
     * this thread). Returns after {@code onStoppedLeading} has returned and, when stopped with {@code
     * releaseOnCancel}, after the Lease has been released.
     *
     * @throws InterruptedException if this thread is interrupted; that counts as {@link #stop()}: the elector
     *                              steps down and releases before throwing
     * @throws IllegalStateException on a second call: an elector runs once
     */
    public Result run() throws InterruptedException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a LeaderElector runs once; make a new one (with a new identity)");
        }
        ExecutorService io = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leader-election-" + config.leaseName());
            // A request that hangs past the deadline is abandoned; it must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (!acquire(io)) {
                return Result.STOPPED;
            }
            becomeLeader();
            return renewUntilLostOrStopped(io) ? Result.STOPPED : Result.LOST;
        } catch (InterruptedException e) {
            stopSignal.countDown();
            throw e;
        } finally {
            try {
                if (leading) {
                    stopLeading();
                }
            } finally {
                // Only after onStoppedLeading has returned: from the release on, a successor may start at once.
                if (stopped() && config.releaseOnCancel()) {
                    releaseBefore(io, clock.instant().plus(config.renewDeadline()));
                }
                io.shutdownNow();
            }
        }
    }

    /**
     * Asks {@link #run()} to finish: it steps down (if leading), releases the Lease (with {@code
     * releaseOnCancel}) and returns {@link Result#STOPPED}. Does not wait; join the thread running {@code run()}
     * for that. Safe to call from any thread, from the callbacks, before {@code run()} and more than once.
     */
    public void stop() {
        stopSignal.countDown();
        Future<?> attempt = acquireInFlight;
        if (attempt != null) {
            // Not leading yet: nothing to hand over, so a slow acquire attempt need not be waited for.
            attempt.cancel(true);
        }
    }

    /**
     * Whether this candidate leads right now: true from just before {@code onStartedLeading} is called (so work it
     * starts sees true at once) until just before {@code onStoppedLeading} is called, and never later than {@code
     * renewDeadline} after the last successful renewal was sent, even if the loop is late. Check it right before
     * acting on behalf of the leader.
     */
    public boolean isLeader() {
        if (!leading) {
            return false;
        }
        Instant renewed = renewedAt();
        return renewed != null && clock.instant().isBefore(renewed.plus(config.renewDeadline()));
    }

    /** The holder of the Lease as last observed ({@code ""} when none has been seen, or it was released). */
    public synchronized String leader() {
        return holderOf(observed);
    }

    /** Our identity in the Lease. */
    public String identity() {
        return config.identity();
    }

    // ------------------------------------------------------------------ the loop (run() thread)

    /** Attempts every retryPeriod until the Lease is ours (true) or stop() is called (false). */
    private boolean acquire(ExecutorService io) throws InterruptedException {
        log.info("{}: trying to acquire lease {}", config.identity(), store.describe());
        while (!stopped()) {
            Future<Boolean> attempt = io.submit(this::tryAcquireOrRenew);
            acquireInFlight = attempt;
            if (stopped()) {
                attempt.cancel(true);
            }
            // An attempt that hangs is given up after a lease duration; the next one reads afresh.
            boolean acquired = await(attempt, clock.instant().plus(config.leaseDuration()));
            acquireInFlight = null;
            reportNewLeader();
            if (acquired) {
                log.info("{}: acquired lease {}", config.identity(), store.describe());
                return true;
            }
            if (stopSignal.await(nextAcquireWait().toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Renews every retryPeriod; between renewals that fail, retries every retryPeriod until the renew deadline.
     * Returns true when stopped, false when leadership is lost.
     */
    private boolean renewUntilLostOrStopped(ExecutorService io) throws InterruptedException {
        while (true) {
            if (stopSignal.await(config.retryPeriod().toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
            while (true) {
                if (renewDeadlinePassed()) {
                    log.warn("{}: could not renew lease {} within {}; stepping down", config.identity(),
                            store.describe(), config.renewDeadline());
                    return false;
                }
                boolean renewed = await(io.submit(this::tryAcquireOrRenew), renewDeadlineAt());
                reportNewLeader();
                if (renewed) {
                    break;
                }
                String holder = leader();
                if (!holder.isEmpty() && !holder.equals(config.identity())) {
                    log.warn("{}: lease {} is now held by {}; stepping down", config.identity(), store.describe(), holder);
                    return false;
                }
                Duration untilDeadline = Duration.between(clock.instant(), renewDeadlineAt());
                long waitNanos = Math.min(config.retryPeriod().toNanos(), Math.max(0, untilDeadline.toNanos()));
                if (stopSignal.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
        }
    }

    /**
     * The outcome of an attempt, waiting no later than {@code deadline}; false if it failed, was cancelled or did
     * not finish in time. An attempt that is given up on is interrupted; if its write still lands, the Lease stays
     * ours a little longer than we claim it, which is the safe direction.
     */
    private boolean await(Future<Boolean> attempt, Instant deadline) throws InterruptedException {
        try {
            long nanos = Duration.between(clock.instant(), deadline).toNanos();
            return attempt.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            log.warn("{}: no answer from the API server about lease {} in time", config.identity(), store.describe());
            return false;
        } catch (CancellationException e) {
            return false;
        } catch (ExecutionException e) {
            // tryAcquireOrRenew turns every API error into false; anything else is a bug.
            throw new IllegalStateException("leader election attempt failed", e.getCause());
        } catch (InterruptedException e) {
            attempt.cancel(true);
            throw e;
        }
    }

    /** Releases the Lease on the I/O thread, waiting no later than {@code deadline}; never throws. */
    private void releaseBefore(ExecutorService io, Instant deadline) {
        boolean interrupted = Thread.interrupted();
        try {
            await(io.submit(this::release), deadline);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (RejectedExecutionException | IllegalStateException e) {
            log.warn("{}: could not release lease {}", config.identity(), store.describe(), e);
        } finally {
            if (interrupted) {
                // Restore what the caller's interrupt said, now that the release has had its chance.
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits retryPeriod stretched by jitter, but wakes when the Lease we watch expires if that comes first. */
    private Duration nextAcquireWait() {
        long retry = config.retryPeriod().toNanos();
        long wait = retry + (long) (ThreadLocalRandom.current().nextDouble() * (LeaderElectionConfig.JITTER_FACTOR - 1) * retry);
        Instant expiry = expiry();
        Instant now = clock.instant();
        // Only a future expiry shortens the wait: after a failed takeover of an expired Lease, retry at the usual pace.
        if (expiry != null && expiry.isAfter(now)) {
            long untilExpiry = Duration.between(now, expiry).toNanos() + 1_000_000;
            wait = Math.min(wait, untilExpiry);
        }
        return Duration.ofNanos(wait);
    }

    private boolean stopped() {
        return stopSignal.getCount() == 0;
    }

    // ------------------------------------------------------------------ state transitions (run() thread)

    /** Marks us leader and tells the caller. */
    void becomeLeader() {
        leading = true;
        log.info("{}: started leading with lease {}", config.identity(), store.describe());
        config.onStartedLeading().run();
    }

    /** Marks us no longer leader and tells the caller; the guarded work must have stopped when this returns. */
    void stopLeading() {
        leading = false;
        log.info("{}: stopped leading with lease {}", config.identity(), store.describe());
        config.onStoppedLeading().run();
    }

    /** Calls onNewLeader if the observed holder changed since the last call. */
    void reportNewLeader() {
        String holder = leader();
        if (!holder.isEmpty() && !holder.equals(reportedLeader)) {
            reportedLeader = holder;
            log.info("{}: new leader of lease {}: {}", config.identity(), store.describe(), holder);
            config.onNewLeader().accept(holder);
        }
    }

    /** True once renewDeadline has passed since the last successful renewal (or if there never was one). */
    boolean renewDeadlinePassed() {
        return !clock.instant().isBefore(renewDeadlineAt());
    }

    // ------------------------------------------------------------------ one attempt (I/O thread)

    /**
     * One round of the protocol: reads the Lease, decides (see {@link #decide}) and writes. Returns true if the
     * Lease is ours afterwards (created, renewed or taken over). Never throws for an API error: a failed attempt
     * is the normal way of not being leader, and the next one starts from a fresh read.
     */
    boolean tryAcquireOrRenew() {
        // 1. Fast path: a leader writes on top of its own last write, one request instead of two. A 409 means
        //    somebody else wrote since; then read and decide like everybody else.
        Lease ours = ownLease();
        if (ours != null) {
            Instant sent = clock.instant();
            try {
                recordWrite(store.update(renewed(ours, sent)), sent);
                return true;
            } catch (ApiException.ConflictException e) {
                log.debug("{}: lease {} changed since our last write; reading it", config.identity(), store.describe());
            } catch (ApiException e) {
                log.warn("{}: failed to renew lease {}: {}", config.identity(), store.describe(), e.getMessage());
                return false;
            }
        }

        // 2. Read, note whether the spec changed, decide.
        Optional<Lease> read;
        try {
            read = store.get();
        } catch (ApiException e) {
            log.warn("{}: failed to read lease {}: {}", config.identity(), store.describe(), e.getMessage());
            return false;
        }
        Lease current = read.orElse(null);
        // Taken after the read returned, so "observed" is never earlier than the write we saw (see the class doc).
        Instant now = clock.instant();
        Instant expiry = observe(current, now);
        Move move = decide(current, config.identity(), expiry, now);
        if (move == Move.WAIT) {
            log.debug("{}: lease {} is held by {} until at least {}", config.identity(), store.describe(),
                    holderOf(current), expiry);
            return false;
        }

        // 3. Write, guarded by the resourceVersion we read.
        Instant sent = clock.instant();
        try {
            Lease written = switch (move) {
                case CREATE -> store.create(newLease(sent));
                case RENEW -> store.update(renewed(current, sent));
                case TAKE_OVER -> store.update(takenOver(current, sent));
                case WAIT -> throw new AssertionError("handled above");
            };
            recordWrite(written, sent);
            if (move == Move.TAKE_OVER) {
                log.info("{}: took over lease {} from {}", config.identity(), store.describe(),
                        holderOf(current).isEmpty() ? "nobody (released)" : holderOf(current));
            }
            return true;
        } catch (ApiException.AlreadyExistsException | ApiException.ConflictException e) {
            log.debug("{}: lost the race for lease {}: {}", config.identity(), store.describe(), e.getMessage());
            return false;
        } catch (ApiException e) {
            log.warn("{}: failed to write lease {}: {}", config.identity(), store.describe(), e.getMessage());
            return false;
        }
    }

    /**
     * Empties the Lease if it is still ours, so that a candidate takes it over on its next attempt instead of
     * waiting out the duration. Called after onStoppedLeading has returned. True if released (or not ours).
     */
    boolean release() {
        Lease ours = ownLease();
        if (ours == null) {
            return true;
        }
        Instant now = clock.instant();
        // Duration 1 s as client-go writes it, so that even a candidate that ignores the empty holder waits little.
        Lease released = ours.withSpec(ours.spec().withHolderIdentity("").withLeaseDurationSeconds(1).withRenewTime(now));
        try {
            Lease written = store.update(released);
            synchronized (this) {
                observed = written;
                observedTime = now;
            }
            log.info("{}: released lease {}", config.identity(), store.describe());
            return true;
        } catch (ApiException e) {
            // A 409 means somebody wrote since our last renewal: then it is not ours to release any more.
            log.warn("{}: could not release lease {}: {}", config.identity(), store.describe(), e.getMessage());
            return false;
        }
    }

    /**
     * The decision at the heart of an attempt, from the Lease just read ({@code null}: absent), when the Lease
     * expires by our observation, and the time now. Pure, so it is tested as a table.
     */
    static Move decide(Lease current, String identity, Instant expiry, Instant now) {
        if (current == null) {
            return Move.CREATE;
        }
        String holder = holderOf(current);
        if (holder.equals(identity)) {
            return Move.RENEW;
        }
        if (holder.isEmpty() || !now.isBefore(expiry)) {
            return Move.TAKE_OVER;
        }
        return Move.WAIT;
    }

    // ------------------------------------------------------------------ observed state

    /**
     * Records the Lease just read at {@code now} and returns when it expires by our observation: {@code
     * leaseDuration} after we last saw its spec change. {@code null} when there is no Lease.
     */
    private synchronized Instant observe(Lease current, Instant now) {
        if (current == null) {
            observed = null;
            observedTime = null;
            return null;
        }
        if (observed == null || !Objects.equals(observed.spec(), current.spec())) {
            observedTime = now;
        }
        observed = current;
        return expiry();
    }

    /** Records a write of ours that succeeded; {@code sent} is when we sent it. */
    private synchronized void recordWrite(Lease written, Instant sent) {
        observed = written;
        observedTime = clock.instant();
        renewedAt = sent;
    }

    /** When the observed Lease expires by our observation, or null if there is none. */
    private synchronized Instant expiry() {
        if (observed == null || observedTime == null) {
            return null;
        }
        return observedTime.plus(durationOf(observed));
    }

    /** The observed Lease if it names us as holder, else null. */
    private synchronized Lease ownLease() {
        return observed != null && holderOf(observed).equals(config.identity()) ? observed : null;
    }

    private synchronized Instant renewedAt() {
        return renewedAt;
    }

    /** The instant at which the leader must have renewed or stop; the epoch when it never renewed. */
    private Instant renewDeadlineAt() {
        Instant renewed = renewedAt();
        return renewed == null ? Instant.EPOCH : renewed.plus(config.renewDeadline());
    }

    /** The duration the holder wrote (every candidate waits the holder's), or ours if it wrote none. */
    private Duration durationOf(Lease lease) {
        Integer seconds = lease.spec() == null ? null : lease.spec().leaseDurationSeconds();
        return seconds != null && seconds > 0 ? Duration.ofSeconds(seconds) : config.leaseDuration();
    }

    static String holderOf(Lease lease) {
        if (lease == null || lease.spec() == null || lease.spec().holderIdentity() == null) {
            return "";
        }
        return lease.spec().holderIdentity();
    }

    // ------------------------------------------------------------------ the Lease we write

    private Lease newLease(Instant now) {
        ObjectMeta meta = new ObjectMeta(config.leaseName(), null, config.leaseNamespace(), null, null, null, null,
                null, null, null, null, null, null, null);
        return Lease.of(meta, new LeaseSpec(config.identity(), config.leaseDurationSeconds(), now, now, 0));
    }

    /** Ours, renewed: same acquireTime and transitions. */
    private Lease renewed(Lease lease, Instant now) {
        LeaseSpec spec = lease.spec();
        return lease.withSpec(spec.withHolderIdentity(config.identity())
                .withLeaseDurationSeconds(config.leaseDurationSeconds())
                .withRenewTime(now));
    }

    /** Somebody else's (or nobody's), now ours: a new acquireTime and one more transition. */
    private Lease takenOver(Lease lease, Instant now) {
        LeaseSpec old = lease.spec();
        int transitions = old == null || old.leaseTransitions() == null ? 0 : old.leaseTransitions();
        return lease.withSpec(new LeaseSpec(config.identity(), config.leaseDurationSeconds(), now, now, transitions + 1));
    }
}
