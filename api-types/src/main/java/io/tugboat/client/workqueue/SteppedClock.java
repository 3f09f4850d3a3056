package io.tugboat.client.workqueue;

/**
 * A clock whose time moves in steps that somebody takes, rather than flowing, and which tells listeners after
 * every step. A test's {@link io.tugboat.client.testing.FakeClock} is the one that matters.
 *
 * <p>Why it exists: a thread that waits for a moment on the system clock computes how long that is and sleeps that
 * long. Against a fake clock that sleep is meaningless — fake time does not pass while the thread sleeps, and the
 * test does not want to wait in real time. So code that waits for a clock (the {@link DelayingQueue}'s waiting
 * thread, a sync timeout) checks whether the clock is a {@code SteppedClock} and, if it is, asks to be woken after
 * each step, then re-reads the time. The waiting code stays the same for both kinds of clock; only the wake-up
 * differs.
 */
public interface SteppedClock {

    /**
     * Runs {@code listener} after every step of this clock, on the thread that took the step, until it is removed.
     * A listener must be quick and must not block: it signals a waiting thread and returns.
     */
    void addStepListener(Runnable listener);

    /** Stops calling {@code listener}; does nothing if it was not registered. */
    void removeStepListener(Runnable listener);
}
