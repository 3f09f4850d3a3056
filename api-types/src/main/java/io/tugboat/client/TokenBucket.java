package io.tugboat.client;

import java.time.Duration;

/**
 * Client-side rate limiting, as client-go's {@code flowcontrol.NewTokenBucketRateLimiter(qps, burst)}: up to
 * {@code burst} requests go at once, then {@code qps} per second. {@link #acquire()} blocks until a token is
 * free. Defaults: 5 qps / burst 10 for the CLI (client-go's), higher for components.
 */
public final class TokenBucket {
    private final double qps;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double qps, int burst) {
        if (qps <= 0 || burst <= 0) {
            throw new IllegalArgumentException("qps and burst must be positive");
        }
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** No limit at all (for tests and benchmarks). */
    public static TokenBucket unlimited() {
        return new TokenBucket(1e9, 1_000_000_000);
    }

    /** Waits until a request may be sent. */
    public void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * qps);
            last = now;
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / qps * 1e9);
        }
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos).toMillis(), (int) (waitNanos % 1_000_000));
        }
    }
}
