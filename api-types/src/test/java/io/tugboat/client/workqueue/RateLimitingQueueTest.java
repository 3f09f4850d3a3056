package io.tugboat.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries paced by the controller's default limiter, watched on a fake clock. */
class RateLimitingQueueTest {

    private final FakeClock clock = new FakeClock();
    private final RateLimitingQueue<String> queue =
            new RateLimitingQueue<>("test", clock, RateLimiters.defaultControllerRateLimiter(clock));

    @AfterEach
    void shutDown() throws InterruptedException {
        queue.shutDown();
        assertTrue(queue.awaitTermination(Duration.ofSeconds(10)));
    }

    @Test
    void eachFailureInARowWaitsTwiceAsLong() throws Exception {
        for (long wait : new long[] {5, 10, 20, 40}) {
            queue.addRateLimited("a");

            clock.advance(Duration.ofMillis(wait - 1));
            assertEquals(0, queue.len(), "not due 1 ms before " + wait + " ms");
            clock.advance(Duration.ofMillis(1));
            assertEquals("a", queue.get().orElseThrow());
            queue.done("a");
        }
        assertEquals(4, queue.numRequeues("a"));
    }

    @Test
    void forgetMakesTheNextRetryQuickAgain() throws Exception {
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(5));
        queue.done(queue.get().orElseThrow());
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(10));
        queue.done(queue.get().orElseThrow());

        queue.forget("a");

        assertEquals(0, queue.numRequeues("a"));
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(5));
        assertEquals("a", queue.get().orElseThrow());
    }
}
