package io.tugboat.client.informer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: the only way these tests wait for other threads. */
final class Eventually {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(DEFAULT_TIMEOUT, what, condition);
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** Polls {@code value} until it satisfies {@code done}, and returns that value. */
    static <V> V awaitValue(Supplier<V> value, Predicate<V> done) throws InterruptedException {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (true) {
            V current = value.get();
            if (done.test(current)) {
                return current;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + DEFAULT_TIMEOUT + "; last value " + current);
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** Joins a thread, failing the test if it has not ended by the deadline. */
    static void joined(Thread thread) throws InterruptedException {
        thread.join(DEFAULT_TIMEOUT.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not end within " + DEFAULT_TIMEOUT);
        }
    }
}
