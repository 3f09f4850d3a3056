package io.tugboat.client.workqueue;

import java.time.Clock;
import java.util.Objects;

/**
 * The queue a controller uses: a {@link DelayingQueue} whose retries are paced by a {@link RateLimiter} (client-go's
 * {@code RateLimitingInterface}).
 *
 * <p>A worker that fails on an item calls {@link #addRateLimited}; the limiter says how long the item waits, and
 * each failure in a row makes that longer. When the item finally succeeds (or the worker gives up on it), the
 * worker calls {@link #forget} so that its next failure starts from the shortest wait again. {@code forget} only
 * resets the limiter: the worker must still call {@link #done}, as for every item.
 */
public class RateLimitingQueue<T> extends DelayingQueue<T> {

    private final RateLimiter<T> rateLimiter;

    /**
     * @param name        names the queue's waiting thread
     * @param clock       the source of time for delays
     * @param rateLimiter decides the wait before each retry; usually
     *                    {@link RateLimiters#defaultControllerRateLimiter(Clock)} on the same clock
     */
    public RateLimitingQueue(String name, Clock clock, RateLimiter<T> rateLimiter) {
        super(name, clock);
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    }

    /** Adds {@code item} after the wait the rate limiter chooses, counting one more failure for it. */
    public void addRateLimited(T item) {
        addAfter(item, rateLimiter.when(item));
    }

    /** Stops counting failures of {@code item}; its next {@link #addRateLimited} waits the shortest time again. */
    public void forget(T item) {
        rateLimiter.forget(item);
    }

    /** How many times in a row {@code item} has been added rate-limited since it was last forgotten. */
    public int numRequeues(T item) {
        return rateLimiter.numRequeues(item);
    }
}
