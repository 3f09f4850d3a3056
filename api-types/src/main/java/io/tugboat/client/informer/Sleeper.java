package io.tugboat.client.informer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a while. The reflector sleeps through backoffs and resync periods with one of these instead of
 * calling {@code Thread.sleep}, so tests can pass a fake that records the requested durations and returns
 * when the test's clock says so — no test waits for real backoff. Use it together with the {@link
 * java.time.Clock} in {@link InformerOptions}; a fake usually implements both.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Returns after {@code duration}.
     *
     * @throws InterruptedException if the thread is interrupted while waiting: the owner wants it to stop
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps for real. */
    static Sleeper system() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
