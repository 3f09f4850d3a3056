package io.tugboat.client.testing;

import io.tugboat.client.workqueue.SteppedClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} whose time moves only when a test moves it: {@link #advance(Duration)} or {@link #set(Instant)}
 * (client-go's {@code clock/testing.FakeClock}). Code under test takes a {@code Clock}; production passes
 * {@code Clock.systemUTC()}, tests pass one of these and make hours pass in microseconds.
 *
 * <pre>{@code
 * FakeClock clock = new FakeClock();                  // starts at 2024-01-01T00:00:00Z
 * queue.addAfter("default/web", Duration.ofSeconds(30));
 * clock.advance(Duration.ofSeconds(29));              // not due yet
 * clock.advance(Duration.ofSeconds(1));               // due: the queue's waiting thread is woken
 * assertEquals("default/web", queue.get().orElseThrow());
 * }</pre>
 *
 * <p>Threads that wait for a moment on this clock cannot sleep until then — fake time does not pass while they
 * sleep. It is a {@link SteppedClock}: after every change of time it calls the registered step listeners, on the
 * test's thread, and the waiting threads wake up and re-read the time. The listeners run after the new time is
 * visible and outside any lock of this clock, so a listener may read the clock.
 *
 * <p>Thread-safe. Time may be set backwards, to test code that must cope with it. {@link #withZone} returns a view
 * in another zone that shares this clock's time and listeners.
 */
public final class FakeClock extends Clock implements SteppedClock {

    /** An arbitrary, fixed starting point, so that test output is the same on every run. */
    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

    private final Time time;
    private final ZoneId zone;

    /** A clock at {@link #DEFAULT_START}, in UTC. */
    public FakeClock() {
        this(DEFAULT_START);
    }

    /** A clock at {@code start}, in UTC. */
    public FakeClock(Instant start) {
        this(new Time(start), ZoneOffset.UTC);
    }

    private FakeClock(Time time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    /** Moves time forward by {@code step} (backward if negative) and wakes waiters. Returns the new time. */
    public Instant advance(Duration step) {
        Objects.requireNonNull(step, "step");
        Instant now = time.now.updateAndGet(current -> current.plus(step));
        time.notifyListeners();
        return now;
    }

    /** Sets the time to {@code instant} and wakes waiters. */
    public void set(Instant instant) {
        time.now.set(Objects.requireNonNull(instant, "instant"));
        time.notifyListeners();
    }

    @Override
    public Instant instant() {
        return time.now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return newZone.equals(zone) ? this : new FakeClock(time, newZone);
    }

    @Override
    public void addStepListener(Runnable listener) {
        time.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeStepListener(Runnable listener) {
        time.listeners.remove(listener);
    }

    /** How many step listeners are registered: lets a test check that a component let go of the clock. */
    public int stepListenerCount() {
        return time.listeners.size();
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + "," + zone + "]";
    }

    /** The state shared by a clock and its {@link #withZone} views. */
    private static final class Time {
        final AtomicReference<Instant> now;
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        Time(Instant start) {
            now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
        }

        void notifyListeners() {
            for (Runnable listener : listeners) {
                listener.run();
            }
        }
    }
}
