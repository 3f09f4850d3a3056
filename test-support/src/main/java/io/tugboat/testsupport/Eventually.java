package io.tugboat.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for an eventually consistent system in a test: poll a condition until it holds, and fail with a
 * message naming what never happened once the deadline passes. The poll interval only sets how soon a success is
 * noticed; correctness never depends on it.
 */
public final class Eventually {
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Eventually() {
    }

    /** Returns as soon as {@code condition} holds; throws {@link AssertionError} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
