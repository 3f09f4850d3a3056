package io.tugboat.client.workqueue;

import java.time.Clock;
import java.time.Duration;

/** Ready-made rate limiters with client-go's defaults. */
public final class RateLimiters {

    /** The first retry of a failing item waits this long; each further failure doubles it. */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);
    /** The longest any single item waits between retries. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);
    /** Retries of all items together, per second, once the burst is spent. */
    public static final double DEFAULT_QPS = 10;
    /** How many retries may go at once before the per-second rate applies. */
    public static final int DEFAULT_BURST = 100;

    private RateLimiters() {
    }

    /**
     * What a controller uses unless it has a reason not to (client-go's {@code DefaultControllerRateLimiter}): the
     * longer of per-item exponential backoff (5 ms doubling up to 1000 s) and an overall token bucket (10 per second,
     * burst 100).
     */
    public static <T> RateLimiter<T> defaultControllerRateLimiter(Clock clock) {
        return MaxOfRateLimiter.of(
                new ItemExponentialFailureRateLimiter<>(DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY),
                new BucketRateLimiter<>(DEFAULT_QPS, DEFAULT_BURST, clock));
    }
}
