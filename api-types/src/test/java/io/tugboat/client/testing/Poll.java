package io.tugboat.client.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in tests: checks a condition over and over until it holds, or fails the test after a generous timeout.
 *
 * <p>Tests never sleep for a fixed time hoping another thread got somewhere. They either make time pass on a
 * {@link FakeClock}, or wait here for the observable effect, so a slow machine makes them slower, never wrong. The
 * timeout only turns a hang into a failure; no test passes or fails because of how long anything took.
 */
public final class Poll {

    /** Long enough that no correct run comes near it on a loaded two-core machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Poll() {
    }

    /** Returns as soon as {@code condition} holds; fails with "timed out waiting until {@code what}" otherwise. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    /** Returns once {@code thread} is blocked (waiting on a lock, a condition, a join), i.e. parked where we expect. */
    public static void untilBlocked(Thread thread) throws InterruptedException {
        until(thread.getName() + " is blocked", () -> switch (thread.getState()) {
            case WAITING, TIMED_WAITING, BLOCKED -> true;
            default -> false;
        });
    }
}
