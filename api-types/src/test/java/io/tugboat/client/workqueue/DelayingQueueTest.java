package io.tugboat.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.testing.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delayed adds, driven by a fake clock: nothing here waits for real time. An item that is not yet due cannot reach
 * the FIFO whatever the threads do, so "len is 0" is a safe assertion; once it is due, {@code get()} blocks until
 * the waiting thread has moved it.
 */
class DelayingQueueTest {

    private final FakeClock clock = new FakeClock();
    private final DelayingQueue<String> queue = new DelayingQueue<>("test", clock);

    @AfterEach
    void shutDown() throws InterruptedException {
        queue.shutDown();
        assertTrue(queue.awaitTermination(Duration.ofSeconds(10)), "the waiting thread ends");
    }

    @Test
    void anItemArrivesOnlyOnceItsDelayHasPassed() throws Exception {
        queue.addAfter("a", Duration.ofMillis(50));
        assertEquals(0, queue.len());

        clock.advance(Duration.ofMillis(49));
        assertEquals(0, queue.len(), "due in 1 ms");

        clock.advance(Duration.ofMillis(1));
        assertEquals("a", take());
    }

    @Test
    void anItemAddedForAMomentArrivesThenHoweverTimeMovedBeforeTheAdd() throws Exception {
        java.time.Instant moment = clock.instant().plus(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(59)); // time passes between computing the moment and adding
        queue.addAt("a", moment);
        assertEquals(0, queue.len());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("a", take(), "due at the moment given, not a minute after the add");

        queue.addAt("b", clock.instant().minusSeconds(1));
        assertEquals("b", take(), "a moment already past: at once");
    }

    @Test
    void itemsArriveInTheOrderTheyFallDueNotTheOrderTheyWereAdded() throws Exception {
        queue.addAfter("thirty", Duration.ofMillis(30));
        queue.addAfter("ten", Duration.ofMillis(10));
        queue.addAfter("twenty", Duration.ofMillis(20));

        clock.advance(Duration.ofMillis(30)); // all three are due in the same step

        assertEquals(List.of("ten", "twenty", "thirty"), List.of(take(), take(), take()));
    }

    @Test
    void itemsDueAtTheSameMomentArriveInTheOrderTheyWereAdded() throws Exception {
        queue.addAfter("b", Duration.ofSeconds(1));
        queue.addAfter("a", Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));

        assertEquals(List.of("b", "a"), List.of(take(), take()));
    }

    @Test
    void addingAWaitingItemAgainSoonerMovesItForwardAndItArrivesOnce() throws Exception {
        queue.addAfter("a", Duration.ofMillis(50));
        queue.addAfter("a", Duration.ofMillis(10));
        queue.addAfter("marker", Duration.ofMillis(60));

        clock.advance(Duration.ofMillis(10));
        assertEquals("a", take());
        queue.done("a");

        clock.advance(Duration.ofMillis(50));
        // Had "a" still been waiting for 50 ms, it would have come out before the marker.
        assertEquals("marker", take());
        assertEquals(0, queue.len());
    }

    @Test
    void addingAWaitingItemAgainLaterKeepsTheEarlierTime() throws Exception {
        queue.addAfter("a", Duration.ofMillis(10));
        queue.addAfter("a", Duration.ofMillis(50));

        clock.advance(Duration.ofMillis(10));

        assertEquals("a", take());
    }

    @Test
    void aZeroOrNegativeDelayAddsAtOnce() throws Exception {
        queue.addAfter("now", Duration.ZERO);
        queue.addAfter("past", Duration.ofSeconds(-1));

        assertEquals(2, queue.len());
        assertEquals(List.of("now", "past"), List.of(take(), take()));
    }

    @Test
    void aDueItemIsStillHandedToOneWorkerAtATime() throws Exception {
        queue.add("a");
        String held = take();

        queue.addAfter("a", Duration.ofMillis(5));
        queue.addAfter("marker", Duration.ofMillis(5));
        clock.advance(Duration.ofMillis(5));
        assertEquals("marker", take(), "a is due but held, so it waits for done");
        assertEquals(0, queue.len());

        queue.done(held);
        assertEquals("a", take());
    }

    @Test
    void aLongDelayIsNotCutShortByTheWaitingThreadsHeartbeat() throws Exception {
        queue.addAfter("later", Duration.ofHours(1));
        queue.addAfter("marker", Duration.ofMinutes(59));

        clock.advance(Duration.ofMinutes(59));

        assertEquals("marker", take());
        assertEquals(0, queue.len());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("later", take());
    }

    @Test
    void shutDownDropsWaitingItemsAndLetsGoOfTheClock() throws Exception {
        queue.addAfter("a", Duration.ofMillis(10));
        assertEquals(1, clock.stepListenerCount());

        queue.shutDown();
        clock.advance(Duration.ofMillis(10));

        assertEquals(Optional.empty(), queue.get());
        assertTrue(queue.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(0, clock.stepListenerCount());
    }

    @Test
    void delayedAddsAfterShutDownAreIgnored() throws Exception {
        queue.shutDown();

        queue.addAfter("a", Duration.ofMillis(10));
        clock.advance(Duration.ofMillis(10));

        assertEquals(Optional.empty(), queue.get());
    }

    @Test
    void noWaitingThreadIsStartedUntilSomethingIsDelayed() throws Exception {
        DelayingQueue<String> idle = new DelayingQueue<>("idle", clock);
        idle.add("a");

        assertEquals(0, clock.stepListenerCount());
        idle.shutDown();
        assertTrue(idle.awaitTermination(Duration.ZERO));
    }

    @Test
    void waitsInRealTimeOnTheSystemClock() throws Exception {
        DelayingQueue<String> real = new DelayingQueue<>("real", Clock.systemUTC());
        try {
            real.addAfter("a", Duration.ofMillis(1));
            assertEquals(Optional.of("a"), real.get());
        } finally {
            real.shutDown();
            assertTrue(real.awaitTermination(Duration.ofSeconds(10)));
        }
    }

    private String take() throws InterruptedException {
        return queue.get().orElseThrow();
    }
}
