package io.tugboat.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.client.testing.Background;
import io.tugboat.client.testing.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/** The guarantees of client-go's workqueue, one test each, and a stress test of all of them together. */
class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>();

    @Test
    void handsOutItemsInTheOrderTheyWereAdded() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("c");

        assertEquals(List.of("a", "b", "c"), List.of(take(), take(), take()));
    }

    @Test
    void anItemAddedManyTimesBeforeAWorkerTakesItIsHandedOutOnce() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        queue.add("a");

        assertEquals(2, queue.len());
        assertEquals("a", take());
        assertEquals("b", take());
        assertEquals(0, queue.len());
    }

    @Test
    void anItemAddedWhileAWorkerHoldsItWaitsUntilDone() throws Exception {
        queue.add("a");
        String held = take();

        queue.add("a");
        assertEquals(0, queue.len(), "a second worker must not get an item that is being processed");

        queue.done(held);
        assertEquals(1, queue.len(), "done puts the re-added item back in line");
        assertEquals("a", take());
    }

    @Test
    void anItemAddedTwiceWhileHeldComesBackOnce() throws Exception {
        queue.add("a");
        String held = take();
        queue.add("a");
        queue.add("a");

        queue.done(held);

        assertEquals(1, queue.len());
    }

    @Test
    void anItemReaddedWhileHeldGoesBehindItemsAlreadyWaiting() throws Exception {
        queue.add("a");
        String held = take();
        queue.add("a");
        queue.add("b");

        queue.done(held);

        assertEquals(List.of("b", "a"), List.of(take(), take()));
    }

    @Test
    void doneWithoutReaddLeavesNothingBehind() throws Exception {
        queue.add("a");
        queue.done(take());

        assertEquals(0, queue.len());
    }

    @Test
    void aStrayDoneForAnItemNobodyHoldsChangesNothing() throws Exception {
        queue.add("a");

        queue.done("a");

        assertEquals(1, queue.len());
        assertEquals("a", take());
        assertEquals(0, queue.len());
    }

    @Test
    void getWaitsUntilAnItemIsAdded() throws Exception {
        Background<Optional<String>> worker = Background.start("worker", queue::get);
        Poll.untilBlocked(worker.thread());
        assertFalse(worker.isDone());

        queue.add("a");

        assertEquals(Optional.of("a"), worker.result());
    }

    @Test
    void getCanBeInterruptedAndThenHoldsNoItem() throws Exception {
        Background<Optional<String>> worker = Background.start("worker", queue::get);
        Poll.untilBlocked(worker.thread());

        worker.thread().interrupt();

        assertInstanceOf(InterruptedException.class, worker.failure());
        queue.add("a");
        assertEquals(1, queue.len(), "the interrupted get took nothing");
    }

    @Test
    void afterShutDownWorkersStillGetWhatWasQueuedThenEmpty() throws Exception {
        queue.add("a");
        queue.add("b");

        queue.shutDown();

        assertTrue(queue.isShuttingDown());
        assertEquals(Optional.of("a"), queue.get());
        assertEquals(Optional.of("b"), queue.get());
        assertEquals(Optional.empty(), queue.get());
        assertEquals(Optional.empty(), queue.get(), "stays empty");
    }

    @Test
    void addsAfterShutDownAreIgnored() throws Exception {
        queue.shutDown();

        queue.add("a");

        assertEquals(0, queue.len());
        assertEquals(Optional.empty(), queue.get());
    }

    @Test
    void shutDownReleasesEveryWaitingWorker() throws Exception {
        List<Background<Optional<String>>> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(Background.start("worker-" + i, queue::get));
        }
        for (Background<Optional<String>> worker : workers) {
            Poll.untilBlocked(worker.thread());
        }

        queue.shutDown();

        for (Background<Optional<String>> worker : workers) {
            assertEquals(Optional.empty(), worker.result());
        }
    }

    @Test
    void shutDownWithDrainWaitsForTheItemBeingProcessed() throws Exception {
        queue.add("a");
        String held = take();

        Background<Void> drain = Background.start("drain", () -> {
            queue.shutDownWithDrain();
            return null;
        });
        Poll.untilBlocked(drain.thread());
        assertFalse(drain.isDone(), "a is still being processed");
        assertTrue(queue.isShuttingDown());

        queue.done(held);

        drain.result();
        assertEquals(Optional.empty(), queue.get());
    }

    @Test
    void shutDownWithDrainAlsoWaitsForItemsStillInLine() throws Exception {
        queue.add("a");
        Background<Void> drain = Background.start("drain", () -> {
            queue.shutDownWithDrain();
            return null;
        });
        Poll.untilBlocked(drain.thread());

        String last = take();
        assertFalse(drain.isDone(), "a was handed out but is not done");
        queue.done(last);

        drain.result();
    }

    @Test
    void shutDownEndsADrainThatWouldWaitForever() throws Exception {
        queue.add("a");
        take(); // and never done

        Background<Void> drain = Background.start("drain", () -> {
            queue.shutDownWithDrain();
            return null;
        });
        Poll.untilBlocked(drain.thread());

        queue.shutDown();

        drain.result();
    }

    @Test
    void shutDownWithDrainOnAnIdleQueueReturnsAtOnce() throws Exception {
        queue.shutDownWithDrain();

        assertEquals(Optional.empty(), queue.get());
    }

    /**
     * Four producers add the same 1,000 items (so each is added four times, often while a consumer holds it); four
     * consumers process them. No item may be held by two consumers at once, and every item must be processed after
     * its last add — an add is never lost, only absorbed into a processing that is still to come.
     *
     * <p>"After" is measured with tickets from one counter: a producer takes a ticket just before it adds, a consumer
     * just after it gets. For every item, the last processing ticket must be higher than the last add ticket.
     */
    @Test
    void concurrentProducersAndConsumersNeverProcessAnItemTwiceAtOnceAndNeverLoseAnAdd() throws Exception {
        WorkQueue<Integer> shared = new WorkQueue<>();
        int items = 1000;
        AtomicLong tickets = new AtomicLong();
        AtomicLongArray lastAdd = new AtomicLongArray(items);
        AtomicLongArray lastProcessing = new AtomicLongArray(items);
        AtomicIntegerArray holders = new AtomicIntegerArray(items);
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger processings = new AtomicInteger();

        List<Background<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            consumers.add(Background.start("consumer-" + c, () -> {
                for (Optional<Integer> next = shared.get(); next.isPresent(); next = shared.get()) {
                    int item = next.get();
                    try {
                        lastProcessing.accumulateAndGet(item, tickets.incrementAndGet(), Math::max);
                        if (holders.incrementAndGet(item) != 1) {
                            overlaps.incrementAndGet();
                        }
                        Thread.yield(); // hold the item a little, so that an overlap would have a chance to show
                        holders.decrementAndGet(item);
                        processings.incrementAndGet();
                    } finally {
                        shared.done(item);
                    }
                }
                return null;
            }));
        }
        List<Background<Void>> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            producers.add(Background.start("producer-" + p, () -> {
                for (int item = 0; item < items; item++) {
                    lastAdd.accumulateAndGet(item, tickets.incrementAndGet(), Math::max);
                    shared.add(item);
                }
                return null;
            }));
        }
        for (Background<Void> producer : producers) {
            producer.result();
        }

        shared.shutDownWithDrain(); // returns once everything added has been processed
        for (Background<Void> consumer : consumers) {
            consumer.result();
        }

        assertEquals(0, overlaps.get(), "an item was held by two consumers at once");
        for (int item = 0; item < items; item++) {
            assertTrue(lastProcessing.get(item) > lastAdd.get(item), "item " + item + " was not processed after its last add");
        }
        assertTrue(processings.get() <= 4 * items, "stingy: no more processings than adds, got " + processings.get());
    }

    private String take() throws InterruptedException {
        return queue.get().orElseThrow();
    }
}
