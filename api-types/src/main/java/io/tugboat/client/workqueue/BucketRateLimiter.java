package io.tugboat.client.workqueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An overall limit on retries, whatever the item: a token bucket (client-go's {@code BucketRateLimiter}, which wraps
 * {@code golang.org/x/time/rate.Limiter}). The controller default is 10 per second with a burst of 100.
 *
 * <p>The bucket holds up to {@code burst} tokens and starts full; it refills at {@code qps} tokens per second. Each
 * {@link #when} takes one token. If one is there, the wait is zero; if not, the token is taken on credit — the
 * level goes below zero — and the wait is the time the bucket needs to climb back to zero. So at a single instant
 * the first {@code burst} items go at once and the following ones are spaced {@code 1/qps} apart: with the
 * defaults, the 101st waits 100 ms, the 102nd 200 ms, and so on.
 *
 * <p>The bucket does not care which item asks, so {@link #forget} does nothing and {@link #numRequeues} is always 0.
 * Time comes from the injected {@link Clock}; if the clock goes backwards, no time is taken to have passed.
 */
public final class BucketRateLimiter<T> implements RateLimiter<T> {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Clock clock;
    private final double qps;
    private final int burst;
    /** The level at {@code last}; negative while tokens are owed. Guarded by {@code this}. */
    private double tokens;
    /** When {@code tokens} was last brought up to date. Guarded by {@code this}. */
    private Instant last;

    /**
     * @param qps   tokens added per second; positive
     * @param burst the bucket's size, and how many items may go at once; at least 1
     * @param clock the source of time for refills
     */
    public BucketRateLimiter(double qps, int burst, Clock clock) {
        if (!(qps > 0) || Double.isInfinite(qps) || burst < 1) {
            throw new IllegalArgumentException("need qps > 0 and burst >= 1, got " + qps + ", " + burst);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
        this.last = clock.instant();
    }

    @Override
    public synchronized Duration when(T item) {
        Instant now = clock.instant();
        long elapsedNanos = now.isAfter(last) ? Duration.between(last, now).toNanos() : 0;
        tokens = Math.min(burst, tokens + elapsedNanos * qps / NANOS_PER_SECOND);
        last = now;

        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (-tokens * NANOS_PER_SECOND / qps));
    }

    @Override
    public void forget(T item) {
        // The bucket is shared by all items; there is nothing per item to forget.
    }

    @Override
    public int numRequeues(T item) {
        return 0;
    }
}
