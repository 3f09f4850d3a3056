package io.tugboat.scheduler.queue;

import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.api.core.Pod;
import io.tugboat.client.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulingQueueTest {
    private final FakeClock clock = new FakeClock();
    private final SchedulingQueue queue = new SchedulingQueue(clock);

    @Test
    void popsHigherPriorityFirstThenOlderFirst() throws Exception {
        queue.add(pod("low-old").priority(1).build());
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("high").priority(10).build());
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("low-new").priority(1).build());
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("default").build());
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(queue.pop().pod().pod().metadata().name());
        }
        assertEquals(List.of("high", "low-old", "low-new", "default"), order);
    }

    static Stream<Arguments> backoffs() {
        return Stream.of(arguments(1, 1), arguments(2, 2), arguments(3, 4), arguments(4, 8), arguments(5, 10), arguments(12, 10));
    }

    @ParameterizedTest(name = "attempt {0}: {1} s")
    @MethodSource("backoffs")
    void backoffDoublesFromOneSecondUpToTen(int attempts, int seconds) {
        assertEquals(Duration.ofSeconds(seconds), SchedulingQueue.backoffDuration(attempts));
    }

    @Test
    void aFailedPodWaitsOutItsBackoffBeforeBecomingActiveAgain() throws Exception {
        Pod p = pod("p").build();
        queue.add(p);
        fail(queue.pop(), true);                          // attempt 1 failed with an error: backoff 1 s
        assertEquals(1, queue.backoffCount());
        clock.advance(Duration.ofMillis(999));
        queue.flushBackoffCompleted();
        assertEquals(0, queue.activeCount(), "still backing off");
        clock.advance(Duration.ofMillis(1));
        queue.flushBackoffCompleted();
        assertEquals(1, queue.activeCount());
        fail(queue.pop(), true);                          // attempt 2: backoff 2 s
        clock.advance(Duration.ofMillis(1999));
        queue.flushBackoffCompleted();
        assertEquals(0, queue.activeCount());
        clock.advance(Duration.ofMillis(1));
        queue.flushBackoffCompleted();
        assertEquals(1, queue.activeCount());
    }

    @Test
    void unschedulablePodsWaitForAnEventThatCouldHelp() throws Exception {
        queue.add(pod("p").build());
        queue.add(pod("q").build());
        long cycle = 0;
        for (int i = 0; i < 2; i++) {
            QueuedPodInfo q = queue.pop();
            cycle = queue.schedulingCycle();
            queue.addUnschedulable(q, q.pod(), cycle, false);
        }
        assertEquals(2, queue.unschedulableCount());
        clock.advance(Duration.ofMinutes(1));
        queue.flushBackoffCompleted();
        assertEquals(0, queue.activeCount(), "no event, no retry");

        queue.moveAllToActiveOrBackoff(p -> p.pod().metadata().name().equals("p"));
        assertEquals(1, queue.activeCount(), "the event helps p only");
        assertEquals(1, queue.unschedulableCount());
        queue.moveAllToActiveOrBackoff(p -> true);
        assertEquals(2, queue.activeCount());
    }

    @Test
    void anEventStillInBackoffGoesToBackoffQueue() throws Exception {
        queue.add(pod("p").build());
        QueuedPodInfo q = queue.pop();
        queue.addUnschedulable(q, q.pod(), queue.schedulingCycle(), false);
        queue.moveAllToActiveOrBackoff(p -> true);
        assertEquals(1, queue.backoffCount());
        clock.advance(Duration.ofSeconds(1));
        queue.flushBackoffCompleted();
        assertEquals(1, queue.activeCount());
    }

    @Test
    void aPodThatFailsAfterAnEventDuringItsAttemptIsRetriedAfterBackoff() throws Exception {
        queue.add(pod("p").build());
        QueuedPodInfo q = queue.pop();
        long cycle = queue.schedulingCycle();
        queue.moveAllToActiveOrBackoff(p -> true);        // a node was added while p was being scheduled
        queue.addUnschedulable(q, q.pod(), cycle, false);
        assertEquals(0, queue.unschedulableCount());
        assertEquals(1, queue.backoffCount());
    }

    @Test
    void unschedulablePodsAreRetriedAfterFiveMinutesAnyway() throws Exception {
        queue.add(pod("p").build());
        QueuedPodInfo q = queue.pop();
        queue.addUnschedulable(q, q.pod(), queue.schedulingCycle(), false);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        queue.flushUnschedulableLeftover();
        assertEquals(1, queue.unschedulableCount());
        clock.advance(Duration.ofSeconds(1));
        queue.flushUnschedulableLeftover();
        assertEquals(1, queue.activeCount());
    }

    @Test
    void aSpecChangeMovesAnUnschedulablePodButAStatusChangeDoesNot() throws Exception {
        Pod p = pod("p").build();
        queue.add(p);
        QueuedPodInfo q = queue.pop();
        queue.addUnschedulable(q, q.pod(), queue.schedulingCycle(), false);
        clock.advance(Duration.ofSeconds(30));
        queue.update(p, p.withStatus(new io.tugboat.api.core.PodStatus("Pending", null, null, null, null, null, null,
                null, null, null, null, null)));
        assertEquals(1, queue.unschedulableCount());
        queue.update(p, pod("p").nodeSelector("disk", "ssd").build());
        assertEquals(1, queue.activeCount());
    }

    @Test
    void deletedPodsLeaveEveryQueueAndCloseEndsPop() throws Exception {
        queue.add(pod("p").build());
        queue.add(pod("q").build());
        queue.delete("uid-default-p");
        assertEquals("q", queue.pop().pod().pod().metadata().name());
        queue.close();
        assertNull(queue.pop());
    }

    @Test
    void aPodIsNotQueuedTwice() {
        queue.add(pod("p").build());
        queue.add(pod("p").build());
        assertEquals(1, queue.activeCount());
    }

    private void fail(QueuedPodInfo q, boolean error) {
        queue.addUnschedulable(q, q.pod(), queue.schedulingCycle(), error);
    }
}
