package io.tugboat.scheduler;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodStatus;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.scheduler.cache.SchedulerCache;
import io.tugboat.scheduler.queue.QueuedPodInfo;
import io.tugboat.scheduler.queue.SchedulingQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventHandlersTest {
    static Stream<Arguments> pods() {
        Pod plain = pod("p").build();
        return Stream.of(
                arguments("no node, default scheduler", plain, true),
                arguments("schedulerName default-scheduler", pod("p").schedulerName("default-scheduler").build(), true),
                arguments("another scheduler's pod", pod("p").schedulerName("gpu-scheduler").build(), false),
                arguments("already on a node", pod("p").nodeName("n1").build(), false),
                arguments("being deleted", plain.withMetadata(plain.metadata().withDeletionTimestamp(Instant.EPOCH)), false),
                arguments("finished", plain.withStatus(new PodStatus("Failed", null, null, null, null, null, null, null,
                        null, null, null, null)), false));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("pods")
    void theSchedulerTakesOnlyItsOwnPendingPods(String name, Pod pod, boolean ours) {
        assertEquals(ours, EventHandlers.pendingFor(pod, "default-scheduler"));
    }

    @Test
    void aHeartbeatIsNotAnEventThatCouldHelpButATaintChangeIs() {
        Node node = node("n").build();
        assertFalse(EventHandlers.schedulingRelevantChange(node, node("n").build()));
        assertTrue(EventHandlers.schedulingRelevantChange(node, node("n").taint("k", "v", "NoSchedule").build()));
        assertTrue(EventHandlers.schedulingRelevantChange(node, node("n").ready("False").build()));
        assertTrue(EventHandlers.schedulingRelevantChange(node, node("n").label("disk", "ssd").build()));
    }

    @Test
    void pendingPodsGoToTheQueueAndBoundOnesToTheCache() throws Exception {
        FakeClock clock = new FakeClock();
        SchedulingQueue queue = new SchedulingQueue(clock);
        SchedulerCache cache = new SchedulerCache(clock, Duration.ofMinutes(15));
        var pods = EventHandlers.pods(queue, cache, "default-scheduler");
        var nodes = EventHandlers.nodes(queue, cache);
        nodes.onAdd(node("n1").build());
        Pod pending = pod("p").build();
        pods.onAdd(pending);
        assertEquals(1, queue.activeCount());

        QueuedPodInfo q = queue.pop();
        queue.addUnschedulable(q, q.pod(), queue.schedulingCycle(), false);
        clock.advance(Duration.ofSeconds(2));
        nodes.onAdd(node("n2").build());
        assertEquals(1, queue.activeCount(), "a new node retries unschedulable pods");

        Pod bound = pending.withSpec(pending.spec().withNodeName("n1"));
        pods.onUpdate(pending, bound);
        assertEquals(0, queue.activeCount(), "a bound pod leaves the queue");
        assertTrue(cache.contains(bound.metadata().uid()));
        assertEquals(1, cache.snapshot().get("n1").pods().size());
    }
}
