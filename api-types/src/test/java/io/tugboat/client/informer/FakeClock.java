package io.tugboat.client.informer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when told, and a {@link Sleeper} that goes with it. Two modes:
 * <ul>
 *   <li>{@link #autoAdvancing()}: {@code sleep(d)} moves the clock by {@code d} and returns at once. Backoffs
 *       cost nothing and are recorded in {@link #sleeps()}.</li>
 *   <li>{@link #manual()}: {@code sleep(d)} blocks until the test {@link #advance advances} the clock past the
 *       wake-up time. {@link #awaitSleepers} waits until threads are asleep, so the test knows when to
 *       advance.</li>
 * </ul>
 */
final class FakeClock extends Clock implements Sleeper {
    private final boolean autoAdvance;
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();
    private int sleeping;

    private FakeClock(boolean autoAdvance) {
        this.autoAdvance = autoAdvance;
    }

    static FakeClock autoAdvancing() {
        return new FakeClock(true);
    }

    static FakeClock manual() {
        return new FakeClock(false);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        sleeps.add(duration);
        if (autoAdvance) {
            now = now.plus(duration);
            return;
        }
        Instant wake = now.plus(duration);
        sleeping++;
        notifyAll();
        try {
            while (now.isBefore(wake)) {
                wait();
            }
        } finally {
            sleeping--;
        }
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
        notifyAll();
    }

    /** Every duration a sleeper was asked to sleep, in order. */
    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** Waits until at least {@code count} threads are blocked in {@link #sleep} (manual mode). */
    synchronized void awaitSleepers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sleeping < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " sleeping threads, have " + sleeping);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
