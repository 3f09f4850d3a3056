package io.tugboat.client.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException;
import io.tugboat.client.controller.LeaderElector.Move;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The election's decisions, step by step, on an in-memory Lease and a fake clock (each test is a short story of
 * who read and wrote what, when); then the loop itself, on the real clock with sub-second durations.
 */
class LeaderElectorTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);

    private final FakeClock clock = new FakeClock(T0);
    private final InMemoryLeaseStore store = new InMemoryLeaseStore();

    // ------------------------------------------------------------------ decide(), as a table

    static Stream<Arguments> decisions() {
        Instant expiry = T0.plusSeconds(15);
        return Stream.of(
                Arguments.of("no Lease at all", null, T0, Move.CREATE),
                Arguments.of("ours, alive", lease("a"), T0, Move.RENEW),
                Arguments.of("ours, even unchanged for longer than its duration", lease("a"), expiry.plusSeconds(60), Move.RENEW),
                Arguments.of("somebody else's, alive", lease("b"), T0, Move.WAIT),
                Arguments.of("somebody else's, a nanosecond before expiry", lease("b"), expiry.minusNanos(1), Move.WAIT),
                Arguments.of("somebody else's, at expiry", lease("b"), expiry, Move.TAKE_OVER),
                Arguments.of("somebody else's, long expired", lease("b"), expiry.plusSeconds(3600), Move.TAKE_OVER),
                Arguments.of("released (empty holder), before expiry", lease(""), T0, Move.TAKE_OVER),
                Arguments.of("a Lease with no spec", Lease.of(meta(), null), T0, Move.TAKE_OVER));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("decisions")
    void decidesFromTheLeaseAndTheObservedExpiry(String story, Lease current, Instant now, Move expected) {
        assertEquals(expected, LeaderElector.decide(current, "a", T0.plusSeconds(15), now));
    }

    // ------------------------------------------------------------------ one attempt at a time, fake clock

    @Test
    void acquiresAnAbsentLeaseByCreatingIt() {
        LeaderElector a = elector("a");

        assertTrue(a.tryAcquireOrRenew());

        LeaseSpec spec = store.current().spec();
        assertEquals("a", spec.holderIdentity());
        assertEquals(15, spec.leaseDurationSeconds());
        assertEquals(T0, spec.acquireTime());
        assertEquals(T0, spec.renewTime());
        assertEquals(0, spec.leaseTransitions());
        assertEquals("a", a.leader());
    }

    @Test
    void doesNotTakeALiveLease() {
        elector("a").tryAcquireOrRenew();
        LeaderElector b = elector("b");

        assertFalse(b.tryAcquireOrRenew());
        clock.advance(LEASE.minusMillis(1));
        assertFalse(b.tryAcquireOrRenew(), "one millisecond before the lease duration has passed");

        assertEquals("a", store.current().spec().holderIdentity());
        assertEquals("a", b.leader());
    }

    @Test
    void takesOverALeaseThatHasNotChangedForItsDurationSinceFirstSeen() {
        // Written by a holder long gone, with an hour-old renewTime: the timestamps are not to be trusted,
        // so a newcomer still waits a whole duration from when it first saw the Lease.
        store.put(Lease.of(meta(), new LeaseSpec("gone", 15, T0.minusSeconds(3600), T0.minusSeconds(3600), 4)));
        LeaderElector b = elector("b");

        assertFalse(b.tryAcquireOrRenew());
        clock.advance(LEASE.minusMillis(1));
        assertFalse(b.tryAcquireOrRenew());
        clock.advance(Duration.ofMillis(1));
        assertTrue(b.tryAcquireOrRenew());

        LeaseSpec spec = store.current().spec();
        assertEquals("b", spec.holderIdentity());
        assertEquals(5, spec.leaseTransitions());
        assertEquals(clock.instant(), spec.acquireTime());
    }

    @Test
    void aRenewTimeFarInTheFutureDoesNotKeepALeaseAlive() {
        // A holder whose clock is a century ahead: only the lack of change counts.
        store.put(Lease.of(meta(), new LeaseSpec("skewed", 15, T0, Instant.parse("2124-01-01T00:00:00Z"), 0)));
        LeaderElector b = elector("b");

        assertFalse(b.tryAcquireOrRenew());
        clock.advance(LEASE);
        assertTrue(b.tryAcquireOrRenew());
    }

    @Test
    void everyChangeOfTheLeaseRestartsTheWait() {
        LeaderElector a = elector("a");
        LeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        assertFalse(b.tryAcquireOrRenew());            // b sees a's Lease at T0

        clock.advance(Duration.ofSeconds(10));
        assertTrue(a.tryAcquireOrRenew());              // a renews at T0 + 10 s; b has not looked yet
        clock.advance(Duration.ofSeconds(5));
        assertFalse(b.tryAcquireOrRenew(), "T0 + 15 s: b sees the renewal now and waits from here");
        clock.advance(LEASE.minusMillis(1));
        assertFalse(b.tryAcquireOrRenew());
        clock.advance(Duration.ofMillis(1));
        assertTrue(b.tryAcquireOrRenew(), "T0 + 30 s: unchanged for 15 s since b saw it");
        assertEquals(1, store.current().spec().leaseTransitions());
    }

    @Test
    void aCandidateWaitsTheDurationTheHolderWrote() {
        LeaderElector a = new LeaderElector(config("a").leaseDuration(Duration.ofSeconds(30))
                .renewDeadline(Duration.ofSeconds(20)).build(), store);
        a.tryAcquireOrRenew();
        LeaderElector b = elector("b");                  // configured with 15 s
        b.tryAcquireOrRenew();

        clock.advance(LEASE);
        assertFalse(b.tryAcquireOrRenew(), "a wrote 30 s; b's own 15 s do not matter");
        clock.advance(LEASE);
        assertTrue(b.tryAcquireOrRenew());
    }

    @Test
    void renewsItsOwnLeaseWithOneRequest() {
        LeaderElector a = elector("a");
        a.tryAcquireOrRenew();
        int readsBefore = store.reads;

        clock.advance(Duration.ofSeconds(2));
        assertTrue(a.tryAcquireOrRenew());

        LeaseSpec spec = store.current().spec();
        assertEquals(T0.plusSeconds(2), spec.renewTime());
        assertEquals(T0, spec.acquireTime(), "a renewal keeps the acquire time");
        assertEquals(0, spec.leaseTransitions());
        assertEquals(readsBefore, store.reads, "the leader writes on top of its own last write without reading");
    }

    @Test
    void aRenewalThatConflictsReadsAgainAndRenews() {
        LeaderElector a = elector("a");
        a.tryAcquireOrRenew();
        // Somebody labels the Lease: a new resourceVersion, same spec.
        Lease labelled = store.current();
        store.put(labelled.withMetadata(labelled.metadata().withLabels(Map.of("team", "sched"))));

        clock.advance(Duration.ofSeconds(2));
        assertTrue(a.tryAcquireOrRenew());
        assertEquals(T0.plusSeconds(2), store.current().spec().renewTime());
    }

    @Test
    void stopsLeadingWhenTheRenewDeadlinePassesWithoutASuccessfulRenewal() {
        LeaderElector a = elector("a");
        LeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        a.becomeLeader();
        b.tryAcquireOrRenew();                           // b has seen a's last renewal at T0
        store.failing = true;                            // a is cut off

        clock.advance(RENEW_DEADLINE.minusMillis(1));
        assertFalse(a.tryAcquireOrRenew());
        assertTrue(a.isLeader(), "still within the renew deadline");
        assertFalse(a.renewDeadlinePassed());

        clock.advance(Duration.ofMillis(1));
        assertFalse(a.isLeader(), "T0 + renewDeadline: no longer leader, whatever the loop is doing");
        assertTrue(a.renewDeadlinePassed());

        store.failing = false;
        clock.advance(LEASE.minus(RENEW_DEADLINE));
        assertTrue(b.tryAcquireOrRenew(), "b takes over at T0 + leaseDuration ...");
        assertFalse(a.isLeader(), "... leaseDuration - renewDeadline after a stopped");
    }

    @Test
    void releasingEmptiesTheLeaseSoTheNextCandidateTakesItAtOnce() {
        LeaderElector a = elector("a");
        LeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        assertFalse(b.tryAcquireOrRenew());

        assertTrue(a.release());
        LeaseSpec released = store.current().spec();
        assertEquals("", released.holderIdentity());
        assertEquals(1, released.leaseDurationSeconds());

        assertTrue(b.tryAcquireOrRenew(), "no waiting for an empty holder");
        assertEquals("b", store.current().spec().holderIdentity());
        assertEquals(1, store.current().spec().leaseTransitions());
        assertEquals(15, store.current().spec().leaseDurationSeconds());
    }

    @Test
    void releaseLeavesALeaseThatIsNoLongerOursAlone() {
        LeaderElector a = elector("a");
        LeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        b.tryAcquireOrRenew();
        clock.advance(LEASE);
        assertTrue(b.tryAcquireOrRenew());               // a never renewed: b took over

        assertFalse(a.release(), "a's view is stale; its write is refused");
        assertEquals("b", store.current().spec().holderIdentity());
    }

    @Test
    void ofTwoCandidatesTakingOverTheSameLeaseOneWins() {
        LeaderElector a = elector("a");
        LeaderElector b = elector("b");
        LeaderElector c = elector("c");
        a.tryAcquireOrRenew();
        b.tryAcquireOrRenew();
        c.tryAcquireOrRenew();
        clock.advance(LEASE);
        // c has read the expired Lease and decided to take it over; b does the same and writes first.
        AtomicReference<Boolean> bWon = new AtomicReference<>();
        store.beforeNextWrite = () -> bWon.set(b.tryAcquireOrRenew());

        assertFalse(c.tryAcquireOrRenew(), "c's write carries a resourceVersion that is no longer current");
        assertTrue(bWon.get());
        assertEquals("b", store.current().spec().holderIdentity());
        assertEquals(1, store.current().spec().leaseTransitions(), "exactly one transition");
    }

    @Test
    void reportsEachNewLeaderOnce() {
        List<String> leaders = new ArrayList<>();
        LeaderElector a = elector("a");
        LeaderElector b = new LeaderElector(config("b").onNewLeader(leaders::add).build(), store);
        a.tryAcquireOrRenew();

        b.tryAcquireOrRenew();
        b.reportNewLeader();
        b.tryAcquireOrRenew();
        b.reportNewLeader();
        a.release();
        b.tryAcquireOrRenew();
        b.reportNewLeader();

        assertEquals(List.of("a", "b"), leaders);
    }

    @Test
    void rejectsDurationsThatBreakTheSafetyMargin() {
        assertThrows(IllegalArgumentException.class,
                () -> config("a").leaseDuration(Duration.ofSeconds(10)).renewDeadline(Duration.ofSeconds(10)).build());
        assertThrows(IllegalArgumentException.class,
                () -> config("a").renewDeadline(Duration.ofSeconds(2)).retryPeriod(Duration.ofSeconds(2)).build());
        assertThrows(IllegalArgumentException.class,
                () -> config("a").leaseDuration(Duration.ofMillis(2500)).renewDeadline(Duration.ofSeconds(2))
                        .retryPeriod(Duration.ofMillis(500)).build());
        assertNotNull(config("a").build(), "the defaults are valid");
    }

    // ------------------------------------------------------------------ the loop, on the real clock

    private static final Duration FAST_LEASE = Duration.ofSeconds(1);
    private static final Duration FAST_DEADLINE = Duration.ofMillis(600);
    private static final Duration FAST_RETRY = Duration.ofMillis(150);

    private LeaderElectionConfig.Builder fastConfig(String identity, List<String> calls) {
        return LeaderElectionConfig.builder("kube-system", "test", identity)
                .leaseDuration(FAST_LEASE).renewDeadline(FAST_DEADLINE).retryPeriod(FAST_RETRY)
                .onStartedLeading(() -> calls.add("started " + identity))
                .onStoppedLeading(() -> calls.add("stopped " + identity));
    }

    @Test
    void runStepsDownWithinTheRenewDeadlineWhileARenewalHangs() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        LeaderElector a = new LeaderElector(fastConfig("a", calls).build(), store);
        Running running = Running.start(a);
        awaitTrue(Duration.ofSeconds(5), a::isLeader);
        long lastRenewal = store.awaitNextWrite();

        CountDownLatch hang = store.hang();
        assertEquals(LeaderElector.Result.LOST, running.join(Duration.ofSeconds(5)));
        hang.countDown();

        long steppedDownAfter = (running.finishedNanos - lastRenewal) / 1_000_000;
        assertTrue(steppedDownAfter <= FAST_DEADLINE.toMillis() + FAST_RETRY.toMillis() + 200,
                "stepped down " + steppedDownAfter + " ms after the last successful renewal");
        assertEquals(List.of("started a", "stopped a"), calls);
        assertFalse(a.isLeader());
    }

    @Test
    void runStepsDownAtOnceWhenSomebodyElseHoldsTheLease() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        LeaderElector a = new LeaderElector(fastConfig("a", calls).build(), store);
        Running running = Running.start(a);
        awaitTrue(Duration.ofSeconds(5), a::isLeader);

        // An administrator hands the Lease to "x" (kubectl edit): a's next renewal conflicts, it reads x.
        Lease current = store.current();
        store.put(current.withSpec(current.spec().withHolderIdentity("x").withLeaseDurationSeconds(60)));

        assertEquals(LeaderElector.Result.LOST, running.join(Duration.ofSeconds(5)));
        assertEquals(List.of("started a", "stopped a"), calls);
        assertEquals("x", store.current().spec().holderIdentity(), "a does not fight for it");
    }

    @Test
    void stopStepsDownThenReleasesTheLease() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        store.onWrite = lease -> calls.add("write holder=" + lease.spec().holderIdentity());
        LeaderElector a = new LeaderElector(fastConfig("a", calls).build(), store);
        Running running = Running.start(a);
        awaitTrue(Duration.ofSeconds(5), a::isLeader);

        a.stop();

        assertEquals(LeaderElector.Result.STOPPED, running.join(Duration.ofSeconds(5)));
        assertEquals("", store.current().spec().holderIdentity());
        int stopped = calls.indexOf("stopped a");
        assertEquals("write holder=", calls.get(calls.size() - 1), "the release is the last write");
        assertEquals(calls.size() - 2, stopped, "... and comes after onStoppedLeading returned: " + calls);
    }

    @Test
    void anInterruptCountsAsStopAndIsPassedOn() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        LeaderElector a = new LeaderElector(fastConfig("a", calls).build(), store);
        Running running = Running.start(a);
        awaitTrue(Duration.ofSeconds(5), a::isLeader);

        running.thread.interrupt();

        running.join(Duration.ofSeconds(5));
        assertTrue(running.interrupted, "run() threw InterruptedException");
        assertEquals(List.of("started a", "stopped a"), calls);
        assertEquals("", store.current().spec().holderIdentity(), "released before throwing");
    }

    @Test
    void stopWhileWaitingForALiveLeaseReturnsWithoutLeading() throws Exception {
        store.put(Lease.of(meta(), new LeaseSpec("x", 60, T0, T0, 0)));
        List<String> calls = new CopyOnWriteArrayList<>();
        LeaderElector b = new LeaderElector(fastConfig("b", calls).build(), store);
        Running running = Running.start(b);
        awaitTrue(Duration.ofSeconds(5), () -> b.leader().equals("x"));

        b.stop();

        assertEquals(LeaderElector.Result.STOPPED, running.join(Duration.ofSeconds(5)));
        assertEquals(List.of(), calls);
        assertEquals("x", store.current().spec().holderIdentity());
    }

    @Test
    void anElectorRunsOnce() throws Exception {
        LeaderElector a = new LeaderElector(fastConfig("a", new CopyOnWriteArrayList<>()).build(), store);
        a.stop();
        assertEquals(LeaderElector.Result.STOPPED, a.run());
        assertThrows(IllegalStateException.class, a::run);
    }

    // ------------------------------------------------------------------ helpers

    private LeaderElectionConfig.Builder config(String identity) {
        return LeaderElectionConfig.builder("kube-system", "test", identity).clock(clock);
    }

    private LeaderElector elector(String identity) {
        return new LeaderElector(config(identity).build(), store);
    }

    private static ObjectMeta meta() {
        return new ObjectMeta("test", null, "kube-system", null, null, null, null, null, null, null, null, null, null, null);
    }

    private static Lease lease(String holder) {
        return Lease.of(meta(), new LeaseSpec(holder, 15, T0, T0, 0));
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    /** An elector's run() on its own thread. */
    private static final class Running {
        private final Thread thread;
        private volatile LeaderElector.Result result;
        private volatile long finishedNanos;
        private volatile boolean interrupted;

        private Running(LeaderElector elector) {
            this.thread = new Thread(() -> {
                try {
                    result = elector.run();
                } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.currentThread().interrupt();
                } finally {
                    finishedNanos = System.nanoTime();
                }
            }, "elector-" + elector.identity());
        }

        static Running start(LeaderElector elector) {
            Running running = new Running(elector);
            running.thread.start();
            return running;
        }

        LeaderElector.Result join(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError("run() did not return within " + timeout);
            }
            return result;
        }
    }

    /** A clock that moves only when told to. */
    private static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The API server's rules for one Lease, in memory: create only if absent, update only at the current
     * resourceVersion. It can fail every call, hang every call until released, or run a hook just before the
     * next write (to interleave two candidates).
     */
    private static final class InMemoryLeaseStore implements LeaderLeaseStore {
        private Lease stored;
        private long version;
        private long lastWriteNanos;
        int reads;
        volatile boolean failing;
        private volatile CountDownLatch hang;
        Runnable beforeNextWrite;
        volatile Consumer<Lease> onWrite = lease -> { };

        synchronized Lease current() {
            return stored;
        }

        /** Stores {@code lease} as somebody else's write would: a new resourceVersion, whatever it carried. */
        synchronized void put(Lease lease) {
            stored = stamp(lease);
        }

        /** Every call from now blocks until the returned latch is counted down (then fails). */
        CountDownLatch hang() {
            CountDownLatch latch = new CountDownLatch(1);
            hang = latch;
            return latch;
        }

        /** Waits for the next successful write and returns when (System.nanoTime()) it happened. */
        long awaitNextWrite() throws InterruptedException {
            long before;
            synchronized (this) {
                before = lastWriteNanos;
            }
            awaitTrue(Duration.ofSeconds(5), () -> {
                synchronized (this) {
                    return lastWriteNanos != before;
                }
            });
            synchronized (this) {
                return lastWriteNanos;
            }
        }

        @Override
        public Optional<Lease> get() throws ApiException {
            enter();
            synchronized (this) {
                reads++;
                return Optional.ofNullable(stored);
            }
        }

        @Override
        public Lease create(Lease lease) throws ApiException {
            enter();
            runHook();
            synchronized (this) {
                if (stored != null) {
                    throw new ApiException.AlreadyExistsException(status(409, "AlreadyExists"));
                }
                return written(lease);
            }
        }

        @Override
        public Lease update(Lease lease) throws ApiException {
            enter();
            runHook();
            synchronized (this) {
                if (stored == null) {
                    throw new ApiException.NotFoundException(status(404, "NotFound"));
                }
                if (!stored.metadata().resourceVersion().equals(lease.metadata().resourceVersion())) {
                    throw new ApiException.ConflictException(status(409, "Conflict"));
                }
                return written(lease);
            }
        }

        @Override
        public String describe() {
            return "kube-system/test";
        }

        private Lease written(Lease lease) {
            stored = stamp(lease);
            lastWriteNanos = System.nanoTime();
            onWrite.accept(stored);
            return stored;
        }

        private Lease stamp(Lease lease) {
            return lease.withMetadata(lease.metadata().withResourceVersion(Long.toString(++version)));
        }

        private void runHook() {
            Runnable hook = beforeNextWrite;
            beforeNextWrite = null;
            if (hook != null) {
                hook.run();
            }
        }

        /** Where a call fails or hangs, as a partitioned network would make it. */
        private void enter() throws ApiException {
            CountDownLatch latch = hang;
            if (latch != null) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ApiException.ServerErrorException(status(0, "ServiceUnavailable"), null);
            }
            if (failing) {
                throw new ApiException.ServerErrorException(status(503, "ServiceUnavailable"), null);
            }
        }

        private static Status status(int code, String reason) {
            return new Status("v1", "Status", null, "Failure", reason, reason, null, code);
        }
    }
}
