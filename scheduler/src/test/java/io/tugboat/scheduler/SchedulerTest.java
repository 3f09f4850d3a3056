package io.tugboat.scheduler;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.Event;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiException;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.EventSink;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.scheduler.cache.SchedulerCache;
import io.tugboat.scheduler.framework.Framework;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.queue.SchedulingQueue;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduling loop with fakes: a recording binder, condition writer and event sink; bindings run inline. */
class SchedulerTest {
    private final FakeClock clock = new FakeClock();
    private final SchedulingQueue queue = new SchedulingQueue(clock);
    private final SchedulerCache cache = new SchedulerCache(clock, Duration.ofMinutes(15));
    private final List<String> bindings = new CopyOnWriteArrayList<>();
    private final List<String> conditionWrites = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, Pod> apiPods = new HashMap<>();
    private ApiException bindFailure;
    private final EventRecorder recorder = EventRecorder.builder(new EventSink() {
        @Override
        public Event create(Event event) {
            events.add(event.type() + " " + event.reason() + " " + event.message());
            return event;
        }

        @Override
        public Event patch(String namespace, String name, String mergePatch) {
            return null;
        }
    }, "default-scheduler").build();
    private final Framework framework = Profile.defaults().build(new Handle((ns, p, n) -> {
        if (bindFailure != null) {
            throw bindFailure;
        }
        bindings.add(ns + "/" + p + "->" + n);
    }));
    private final Scheduler scheduler = new Scheduler(queue, cache, framework, new Algorithm(framework, new Random(1)),
            p -> Optional.ofNullable(apiPods.get(p.pod().metadata().name())),
            (pod, reason, message) -> conditionWrites.add(pod.metadata().name() + " " + reason + " " + message),
            recorder, Runnable::run);

    @AfterEach
    void stop() {
        recorder.stop();
    }

    private void pending(Pod pod) {
        apiPods.put(pod.metadata().name(), pod);
        queue.add(pod);
    }

    @Test
    void bindsAssumesAndReportsScheduled() throws Exception {
        cache.addNode(node("n1").build());
        pending(pod("web-1").container("1", null).build());
        scheduler.scheduleOne();
        assertEquals(List.of("default/web-1->n1"), bindings);
        assertTrue(cache.isAssumed("uid-default-web-1"));
        assertEquals(1000, cache.snapshot().get("n1").requested().milliCpu());
        Eventually.until("the Scheduled event", Duration.ofSeconds(5),
                () -> events.contains("Normal Scheduled Successfully assigned default/web-1 to n1"));
    }

    @Test
    void theNextDecisionSeesTheAssumedPod() throws Exception {
        cache.addNode(node("n1").capacity("2", "8Gi", "110").build());
        cache.addNode(node("n2").capacity("2", "8Gi", "110").build());
        pending(pod("a").container("1500m", null).build());
        pending(pod("b").container("1500m", null).build());
        scheduler.scheduleOne();
        scheduler.scheduleOne();
        assertEquals(2, bindings.size());
        assertFalse(bindings.get(0).endsWith(bindings.get(1).substring(bindings.get(1).indexOf("->"))), "two nodes: " + bindings);
    }

    @Test
    void anUnschedulablePodIsExplainedAndParked() throws Exception {
        cache.addNode(node("n1").capacity("1", "8Gi", "110").build());
        pending(pod("big").container("2", null).build());
        scheduler.scheduleOne();
        String message = "0/1 nodes are available: 1 Insufficient cpu.";
        assertEquals(List.of("big Unschedulable " + message), conditionWrites);
        assertEquals(1, queue.unschedulableCount());
        Eventually.until("the FailedScheduling event", Duration.ofSeconds(5),
                () -> events.contains("Warning FailedScheduling " + message));
    }

    @Test
    void aFailedBindingForgetsTheAssumptionAndRetriesAfterBackoff() throws Exception {
        cache.addNode(node("n1").build());
        pending(pod("p").container("1", null).build());
        bindFailure = new ApiException.ServerErrorException(new io.tugboat.api.meta.Status("v1", "Status", null, "Failure", "etcd is down", "InternalError", null, 500), null);
        scheduler.scheduleOne();
        assertFalse(cache.contains("uid-default-p"));
        assertEquals(1, queue.backoffCount());
        assertEquals(1, conditionWrites.size());
        assertTrue(conditionWrites.get(0).startsWith("p SchedulerError binding rejected"), conditionWrites.get(0));
    }

    @Test
    void aPodDeletedDuringItsAttemptIsNotRequeued() throws Exception {
        cache.addNode(node("n1").capacity("1", "8Gi", "110").build());
        pending(pod("gone").container("2", null).build());
        apiPods.clear();
        scheduler.scheduleOne();
        assertEquals(0, queue.unschedulableCount() + queue.backoffCount() + queue.activeCount());
        assertTrue(conditionWrites.isEmpty());
    }
}
