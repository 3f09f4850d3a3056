package io.tugboat.client.workqueue;

import java.time.Duration;

/**
 * Decides how long an item must wait before it is retried (client-go's {@code workqueue.RateLimiter}).
 *
 * <p>A {@link RateLimitingQueue} asks {@link #when} each time an item fails, and calls {@link #forget} when the
 * item succeeds or is given up on. Implementations are thread-safe.
 *
 * @param <T> the queue's item type
 */
public interface RateLimiter<T> {

    /** How long {@code item} should wait before it is tried again. Calling this counts one more failure. */
    Duration when(T item);

    /**
     * Stops tracking {@code item}: its next failure starts from the shortest wait again. Call it on success and when
     * giving up; an item never forgotten is remembered forever.
     */
    void forget(T item);

    /** How many failures of {@code item} have been counted since it was last forgotten. */
    int numRequeues(T item);
}
