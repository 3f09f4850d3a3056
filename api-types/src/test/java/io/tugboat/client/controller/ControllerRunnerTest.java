package io.tugboat.client.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.controller.ControllerRunner.Source;
import io.tugboat.client.controller.ControllerRunner.Stats;
import io.tugboat.client.testing.Background;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker loop, driven by fake sources and a fake clock. Retry and requeue times are checked by recording the
 * fake time at which each reconcile ran: fake time only moves when the test moves it, so those times are exact.
 * After every test the runner is stopped and no thread of it may be left.
 */
class ControllerRunnerTest {

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.instant();
    private final FakeSource source = new FakeSource(true);
    /** When (in fake time) each key was reconciled, in order. */
    private final Map<String, List<Instant>> reconciledAt = new ConcurrentHashMap<>();
    private ControllerRunner runner;

    @AfterEach
    void stopAndCheckForLeakedThreads() throws InterruptedException {
        if (runner != null) {
            runner.stop();
            Poll.until("no thread of " + runner.name() + " is left", () -> threadsOf(runner.name()).isEmpty());
        }
    }

    @Test
    void reconcilesEveryKeyTheSourcesDeliver() throws Exception {
        FakeSource other = new FakeSource(true);
        runner = build("deliver", this::recordAndSucceed, b -> b.watches(other));
        runner.start();

        source.emit("default/a");
        other.emit("node-1");

        Poll.until("both keys are reconciled", () -> runner.stats().reconciles() == 2);
        assertEquals(Map.of("default/a", List.of(t0), "node-1", List.of(t0)), reconciledAt);
        assertEquals(new Stats(2, 0, 0), runner.stats());
    }

    @Test
    void aFailedReconcileIsRetriedWithGrowingBackoff() throws Exception {
        runner = build("backoff", key -> {
            record(key);
            throw new IllegalStateException("the API server said no");
        }, b -> b);
        runner.start();

        source.emit("default/a");
        Poll.until("the first attempt failed", () -> runner.stats().failures() == 1);
        clock.advance(Duration.ofMillis(4));
        clock.advance(Duration.ofMillis(1));
        Poll.until("the second attempt failed", () -> runner.stats().failures() == 2);
        clock.advance(Duration.ofMillis(9));
        clock.advance(Duration.ofMillis(1));
        Poll.until("the third attempt failed", () -> runner.stats().failures() == 3);

        assertEquals(List.of(t0, t0.plusMillis(5), t0.plusMillis(15)), reconciledAt.get("default/a"));
        assertEquals(3, runner.numRequeues("default/a"));
    }

    @Test
    void aSuccessForgetsEarlierFailures() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        runner = build("forget", key -> {
            record(key);
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("conflict");
            }
            return ReconcileResult.done();
        }, b -> b);
        runner.start();

        source.emit("default/a");
        Poll.until("the first attempt failed", () -> runner.stats().failures() == 1);
        clock.advance(Duration.ofMillis(5));
        Poll.until("the second attempt failed", () -> runner.stats().failures() == 2);
        assertEquals(2, runner.numRequeues("default/a"));
        clock.advance(Duration.ofMillis(10));
        Poll.until("the third attempt succeeded", () -> runner.stats().reconciles() == 3);

        assertEquals(0, runner.numRequeues("default/a"));
        assertEquals(new Stats(3, 2, 0), runner.stats());
    }

    @Test
    void requeueAfterBringsTheKeyBackAtThatTime() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        runner = build("requeue", key -> {
            record(key);
            return first.getAndSet(false) ? ReconcileResult.requeueAfter(Duration.ofSeconds(30)) : ReconcileResult.done();
        }, b -> b);
        runner.start();

        source.emit("default/cron");
        Poll.until("the first pass asked to be requeued", () -> runner.stats().requeues() == 1);
        clock.advance(Duration.ofSeconds(30));
        Poll.until("the key came back", () -> runner.stats().reconciles() == 2);

        assertEquals(List.of(t0, t0.plusSeconds(30)), reconciledAt.get("default/cron"));
        assertEquals(new Stats(2, 0, 1), runner.stats());
        assertEquals(0, runner.numRequeues("default/cron"), "a requeue is not a failure");
    }

    @Test
    void waitsForEverySourceToSyncBeforeReconciling() throws Exception {
        FakeSource slow = new FakeSource(false);
        runner = build("sync", this::recordAndSucceed, b -> b.watches(slow));
        source.emit("default/early"); // informers deliver before the controller starts: the key waits

        Background<Void> starting = Background.start("starting", () -> {
            runner.start();
            return null;
        });
        Poll.untilBlocked(starting.thread());
        assertFalse(starting.isDone());
        assertTrue(threadsOf("sync-worker").isEmpty(), "no worker before every source has synced");

        slow.synced.set(true);

        starting.result();
        Poll.until("the early key is reconciled", () -> runner.stats().reconciles() == 1);
        assertEquals(List.of(t0), reconciledAt.get("default/early"));
    }

    @Test
    void startGivesUpWhenTheSourcesDoNotSyncInTime() throws Exception {
        FakeSource never = new FakeSource(false);
        runner = build("timeout", this::recordAndSucceed, b -> b.watches(never).syncTimeout(Duration.ofSeconds(10)));

        Background<Void> starting = Background.start("starting", () -> {
            runner.start();
            return null;
        });
        // Move fake time in steps until start() has seen its deadline pass; it cannot happen before 10 s.
        Poll.until("start() gave up", () -> {
            clock.advance(Duration.ofSeconds(1));
            return starting.isDone();
        });

        assertInstanceOf(TimeoutException.class, starting.failure());
        assertTrue(Duration.between(t0, clock.instant()).toSeconds() >= 10);
        assertEquals(0, clock.stepListenerCount(), "the runner let go of the clock");
        assertTrue(threadsOf("timeout-worker").isEmpty(), "no worker was started");
        assertTrue(runner.stop(), "start() already stopped the runner; stopping again is harmless");
    }

    @Test
    void stopWaitsForTheReconcileInProgressThenEndsEveryThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runner = build("stop", key -> {
            entered.countDown();
            release.await();
            return ReconcileResult.done();
        }, b -> b.workers(3));
        runner.start();
        source.emit("default/slow");
        entered.await();

        Background<Boolean> stopping = Background.start("stopping", runner::stop);
        Poll.untilBlocked(stopping.thread());
        assertFalse(stopping.isDone(), "a reconcile is still running");

        release.countDown();

        assertTrue(stopping.result(), "stopped cleanly within the stop timeout");
        assertTrue(threadsOf("stop-worker").isEmpty());
        assertTrue(threadsOf("workqueue-stop").isEmpty());
        source.emit("default/after-stop");
        assertEquals(1, runner.stats().reconciles());
    }

    @Test
    void stopInterruptsAReconcileThatOutlivesTheStopTimeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        runner = build("stuck", key -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(); // a reconcile that would never return by itself
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
                throw e;
            }
            return ReconcileResult.done();
        }, b -> b.stopTimeout(Duration.ofMillis(20)));
        runner.start();
        source.emit("default/stuck");
        entered.await();

        assertFalse(runner.stop(), "the worker had to be interrupted");

        // stop() gave the interrupted worker another 20 ms; on a busy machine it may need longer to end.
        Poll.until("the interrupted worker has ended", () -> threadsOf("stuck-worker").isEmpty());
        assertTrue(sawInterrupt.get());
        assertEquals(new Stats(0, 0, 0), runner.stats(), "an interrupted reconcile is neither a success nor a failure");
    }

    @Test
    void stopBeforeStartMeansStartRunsNothing() throws Exception {
        runner = build("early-stop", this::recordAndSucceed, b -> b);
        source.emit("default/a");

        assertTrue(runner.stop());
        assertThrows(IllegalStateException.class, runner::start);
        assertTrue(threadsOf("early-stop").isEmpty());
    }

    @Test
    void startTwiceIsAMistake() throws Exception {
        runner = build("twice", this::recordAndSucceed, b -> b);
        runner.start();

        assertThrows(IllegalStateException.class, runner::start);
    }

    /**
     * Four workers, five keys each delivered 50 times while they are being reconciled. No key may be reconciled by
     * two workers at once, and each must be reconciled after its last delivery (tickets from one counter order the
     * two, as in WorkQueueTest).
     */
    @Test
    void neverReconcilesOneKeyOnTwoWorkersAtOnce() throws Exception {
        List<String> keys = List.of("ns/a", "ns/b", "ns/c", "ns/d", "ns/e");
        AtomicLong tickets = new AtomicLong();
        Map<String, AtomicLong> lastEmit = new ConcurrentHashMap<>();
        Map<String, AtomicLong> lastStart = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> holders = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        for (String key : keys) {
            lastEmit.put(key, new AtomicLong());
            lastStart.put(key, new AtomicLong());
            holders.put(key, new AtomicInteger());
        }
        runner = build("exclusive", key -> {
            lastStart.get(key).accumulateAndGet(tickets.incrementAndGet(), Math::max);
            if (holders.get(key).incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            Thread.yield();
            holders.get(key).decrementAndGet();
            return ReconcileResult.done();
        }, b -> b.workers(4));
        runner.start();

        for (int round = 0; round < 50; round++) {
            for (String key : keys) {
                lastEmit.get(key).accumulateAndGet(tickets.incrementAndGet(), Math::max);
                source.emit(key);
            }
        }

        Poll.until("every key is reconciled after its last delivery",
                () -> keys.stream().allMatch(k -> lastStart.get(k).get() > lastEmit.get(k).get()));
        assertEquals(0, overlaps.get());
        assertEquals(0, runner.stats().failures());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private ControllerRunner build(String name, Reconciler reconciler, UnaryOperator<ControllerRunner.Builder> configure) {
        return configure.apply(ControllerRunner.builder(name, reconciler)
                        .clock(clock)
                        .watches(source)
                        .syncPollInterval(Duration.ofMillis(1)))
                .build();
    }

    private ReconcileResult recordAndSucceed(String key) {
        record(key);
        return ReconcileResult.done();
    }

    private void record(String key) {
        reconciledAt.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(clock.instant());
    }

    /** Live threads whose name starts with {@code prefix}: a runner's workers, or its queue's waiting thread. */
    private static List<Thread> threadsOf(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && (thread.getName().startsWith(prefix + "-") || thread.getName().startsWith("workqueue-" + prefix + "-"))) {
                found.add(thread);
            }
        }
        return found;
    }

    /** An informer stand-in: a synced flag the test sets, and listeners the test calls. */
    private static final class FakeSource implements Source {
        final AtomicBoolean synced;
        final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

        FakeSource(boolean synced) {
            this.synced = new AtomicBoolean(synced);
        }

        @Override
        public boolean hasSynced() {
            return synced.get();
        }

        @Override
        public void addKeyListener(Consumer<String> enqueue) {
            listeners.add(enqueue);
        }

        void emit(String key) {
            listeners.forEach(listener -> listener.accept(key));
        }
    }
}
