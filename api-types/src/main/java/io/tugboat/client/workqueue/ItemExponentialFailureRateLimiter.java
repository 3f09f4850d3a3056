package io.tugboat.client.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-item exponential backoff: the n-th consecutive failure of an item waits {@code baseDelay * 2^(n-1)}, but never
 * more than {@code maxDelay} (client-go's {@code ItemExponentialFailureRateLimiter}). With the controller defaults
 * (5 ms, 1000 s) an item waits 5 ms, 10 ms, 20 ms, 40 ms, ... and reaches the cap on its 19th failure in a row.
 *
 * <p>Each item has its own count, so one broken object backs off without slowing the others. Giving up after some
 * number of failures is the caller's decision ({@link #numRequeues} tells how many there were).
 *
 * <p>The arithmetic is done in {@code double}, as client-go does: {@code 2^n} overflows a {@code long} after 63
 * failures, but a {@code double} holds it, and any result too large for a {@code long} of nanoseconds is replaced by
 * {@code maxDelay} before it is converted. An item that fails forever therefore waits {@code maxDelay}, never a
 * negative or wrapped-around time.
 */
public final class ItemExponentialFailureRateLimiter<T> implements RateLimiter<T> {

    /** 2^63: the first {@code double} that no {@code long} can hold. */
    private static final double LONG_LIMIT = 0x1p63;

    private final long baseNanos;
    private final long maxNanos;
    /** Consecutive failures per item since it was last forgotten. Guarded by {@code this}. */
    private final Map<T, Integer> failures = new HashMap<>();

    /**
     * @param baseDelay the wait after the first failure; positive
     * @param maxDelay  the longest wait; not shorter than {@code baseDelay}
     */
    public ItemExponentialFailureRateLimiter(Duration baseDelay, Duration maxDelay) {
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay, got " + baseDelay + ", " + maxDelay);
        }
        this.baseNanos = saturatedNanos(baseDelay);
        this.maxNanos = saturatedNanos(maxDelay);
    }

    @Override
    public synchronized Duration when(T item) {
        Objects.requireNonNull(item, "item");
        int exponent = failures.getOrDefault(item, 0);
        failures.put(item, exponent == Integer.MAX_VALUE ? exponent : exponent + 1); // the count, too, must not wrap

        double backoff = baseNanos * Math.pow(2, exponent);
        if (backoff >= LONG_LIMIT) {
            return Duration.ofNanos(maxNanos);
        }
        long calculated = (long) backoff;
        return Duration.ofNanos(Math.min(calculated, maxNanos));
    }

    @Override
    public synchronized void forget(T item) {
        failures.remove(item);
    }

    @Override
    public synchronized int numRequeues(T item) {
        return failures.getOrDefault(item, 0);
    }

    /** A duration in nanoseconds, or {@code Long.MAX_VALUE} (about 292 years) for anything longer. */
    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
