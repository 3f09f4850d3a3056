package io.tugboat.client.workqueue;

import java.time.Duration;
import java.util.List;

/**
 * Asks several rate limiters and takes the longest wait (client-go's {@code MaxOfRateLimiter}). The controller
 * default combines per-item exponential backoff with an overall token bucket: an item that keeps failing backs off
 * on its own, and a storm of failures across many items is held to the bucket's rate.
 *
 * <p>Every limiter is asked on each {@link #when}, so each one counts the failure even when its answer loses.
 * Because a token bucket hands out a token even to an item that then waits longer for another reason, the bucket's
 * burst can look exceeded when a few items were held back by their own backoff.
 */
public final class MaxOfRateLimiter<T> implements RateLimiter<T> {

    private final List<RateLimiter<T>> limiters;

    public MaxOfRateLimiter(List<RateLimiter<T>> limiters) {
        if (limiters.isEmpty()) {
            throw new IllegalArgumentException("need at least one rate limiter");
        }
        this.limiters = List.copyOf(limiters);
    }

    @SafeVarargs
    public static <T> MaxOfRateLimiter<T> of(RateLimiter<T>... limiters) {
        return new MaxOfRateLimiter<>(List.of(limiters));
    }

    @Override
    public Duration when(T item) {
        Duration longest = Duration.ZERO;
        for (RateLimiter<T> limiter : limiters) {
            Duration wait = limiter.when(item);
            if (wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }
        return longest;
    }

    /** Forgets {@code item} in every limiter. */
    @Override
    public void forget(T item) {
        for (RateLimiter<T> limiter : limiters) {
            limiter.forget(item);
        }
    }

    /** The highest count any of the limiters keeps for {@code item}. */
    @Override
    public int numRequeues(T item) {
        int most = 0;
        for (RateLimiter<T> limiter : limiters) {
            most = Math.max(most, limiter.numRequeues(item));
        }
        return most;
    }
}
