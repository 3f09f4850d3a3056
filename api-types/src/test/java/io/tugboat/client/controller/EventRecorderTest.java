package io.tugboat.client.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.Event;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The recorder end to end against a recording sink: what it writes, when it counts, and that it never blocks. */
class EventRecorderTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private final RecordingSink sink = new RecordingSink();

    private EventRecorder.Builder recorder() {
        return EventRecorder.builder(sink, "tug-scheduler").host("vm1").clock(Clock.fixed(T0, ZoneOffset.UTC))
                .retryBackoff(Duration.ofMillis(10));
    }

    static Pod pod(String name) {
        return Pod.of(new ObjectMeta(name, null, "shop", null, "uid-" + name, "17", null, null, null, null, null, null,
                null, null), null, null);
    }

    @Test
    void writesAnEventAboutAnObjectIntoTheObjectsNamespace() {
        EventRecorder events = recorder().build();

        events.event(pod("web-1"), EventRecorder.NORMAL, "Scheduled", "Successfully assigned %s/%s to %s", "shop", "web-1", "n2");
        events.stop();

        Event event = sink.only();
        assertEquals("shop", event.metadata().namespace());
        assertTrue(event.metadata().name().startsWith("web-1."), event.metadata().name());
        assertEquals(new ObjectReference("Pod", "shop", "web-1", "uid-web-1", "v1", "17", null), event.involvedObject());
        assertEquals("Scheduled", event.reason());
        assertEquals("Successfully assigned shop/web-1 to n2", event.message());
        assertEquals(EventRecorder.NORMAL, event.type());
        assertEquals("tug-scheduler", event.source().component());
        assertEquals("vm1", event.source().host());
        assertEquals("tug-scheduler", event.reportingComponent());
        assertEquals("vm1", event.reportingInstance());
        assertEquals(1, event.count());
        assertEquals(T0, event.firstTimestamp());
        assertEquals(T0, event.lastTimestamp());
    }

    @Test
    void eventsAboutClusterScopedObjectsGoToTheDefaultNamespace() {
        EventRecorder events = recorder().build();
        Node node = Node.of(new ObjectMeta("n1", null, null, null, "uid-n1", "3", null, null, null, null, null, null, null,
                null), null, null);

        events.event(node, EventRecorder.WARNING, "NodeNotReady", "Node n1 status is now: NodeNotReady");
        events.stop();

        assertEquals("default", sink.only().metadata().namespace());
        assertEquals("Node", sink.only().involvedObject().kind());
        assertEquals(null, sink.only().involvedObject().namespace());
    }

    @Test
    void repeatsArePatchedOntoTheFirstEvent() {
        EventRecorder events = recorder().build();

        for (int i = 0; i < 3; i++) {
            events.event(pod("web-1"), EventRecorder.WARNING, "FailedScheduling", "0/3 nodes are available");
        }
        events.event(pod("web-1"), EventRecorder.NORMAL, "Scheduled", "assigned");
        events.stop();

        List<String> calls = sink.calls();
        String name = sink.created.get(0).metadata().name();
        assertEquals(List.of(
                "create " + name + " FailedScheduling count=1",
                "patch shop/" + name + " {\"count\":2,\"lastTimestamp\":\"2024-05-01T12:00:00Z\"}",
                "patch shop/" + name + " {\"count\":3,\"lastTimestamp\":\"2024-05-01T12:00:00Z\"}",
                "create " + sink.created.get(1).metadata().name() + " Scheduled count=1"), calls);
    }

    @Test
    void aRepeatOfAnEventThatWasDeletedIsWrittenAgainUnderItsName() {
        EventRecorder events = recorder().build();
        events.event(pod("web-1"), EventRecorder.WARNING, "BackOff", "Back-off restarting failed container");
        sink.patchesFindNothing = true;                    // the server expired it meanwhile

        events.event(pod("web-1"), EventRecorder.WARNING, "BackOff", "Back-off restarting failed container");
        events.stop();

        assertEquals(2, sink.created.size());
        assertEquals(sink.created.get(0).metadata().name(), sink.created.get(1).metadata().name());
        assertEquals(2, sink.created.get(1).count());
    }

    @Test
    void retriesAServerThatIsBrieflyUnavailable() throws Exception {
        sink.failuresBeforeSuccess.set(2);
        EventRecorder events = recorder().maxAttempts(3).build();

        events.event(pod("web-1"), EventRecorder.NORMAL, "Pulled", "Container image already present");

        // Not stop() right away: while stopping, each queued event gets only one more attempt.
        awaitTrue(Duration.ofSeconds(5), () -> sink.calls().size() == 1);
        events.stop();
        assertEquals(1, sink.created.size());
        assertEquals(0, events.droppedCount());
    }

    @Test
    void givesUpOnAnEventAfterItsAttemptsAndCountsItAsDropped() throws Exception {
        sink.failuresBeforeSuccess.set(2);
        EventRecorder events = recorder().maxAttempts(2).build();

        events.event(pod("web-1"), EventRecorder.NORMAL, "Pulled", "Container image already present");

        awaitTrue(Duration.ofSeconds(5), () -> events.droppedCount() == 1);
        events.stop();
        assertEquals(List.of(), sink.calls());
    }

    @Test
    void neverBlocksTheCallerAndDropsWhatDoesNotFitTheQueue() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sink.block = () -> {
            entered.countDown();
            release.await();
        };
        EventRecorder events = recorder().queueCapacity(2).build();

        events.event(pod("p0"), EventRecorder.NORMAL, "R", "first");   // taken by the worker, which then hangs
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        for (int i = 1; i < 10; i++) {
            events.event(pod("p" + i), EventRecorder.NORMAL, "R", "number %d", i);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();
        events.stop();

        assertTrue(elapsedMillis < 1000, "nine events took " + elapsedMillis + " ms with the server hanging");
        assertEquals(7, events.droppedCount(), "two fit the queue, seven were dropped");
        assertEquals(List.of("first", "number 1", "number 2"), sink.created.stream().map(Event::message).toList());
    }

    @Test
    void eventsAfterStopAreDropped() {
        EventRecorder events = recorder().build();
        events.stop();

        events.event(pod("web-1"), EventRecorder.NORMAL, "Late", "too late");

        assertEquals(1, events.droppedCount());
        assertEquals(List.of(), sink.calls());
    }

    @Test
    void aMessageWithoutArgumentsIsUsedAsIs() {
        EventRecorder events = recorder().build();
        events.event(pod("web-1"), EventRecorder.NORMAL, "Progress", "100% done");
        events.stop();
        assertEquals("100% done", sink.only().message());
    }

    @Test
    void rejectsWhatOnlyABugWouldPass() {
        EventRecorder events = recorder().build();
        assertThrows(IllegalArgumentException.class, () -> events.event(pod("web-1"), "Info", "R", "m"));
        assertThrows(IllegalArgumentException.class, () -> events.event(pod("web-1"), EventRecorder.NORMAL, "", "m"));
        assertThrows(IllegalArgumentException.class, () -> events.event(pod(null), EventRecorder.NORMAL, "R", "m"));
        events.stop();
    }

    @Test
    void fillsInKindAndApiVersionMissingFromAnObjectBuiltInCode() {
        Pod bare = pod("web-1").withApiVersion(null).withKind(null);
        ObjectReference ref = EventRecorder.referenceTo(bare);
        assertEquals("Pod", ref.kind());
        assertEquals("v1", ref.apiVersion());
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    /** An action that may block, for the sink's hook. */
    private interface Blocker {
        void run() throws InterruptedException;
    }

    /** Records what the recorder sends; can fail, block, or answer "not found" to patches. */
    private static final class RecordingSink implements EventSink {
        final List<Event> created = new ArrayList<>();
        private final List<String> calls = new ArrayList<>();
        private final List<Event> stored = new ArrayList<>();
        volatile boolean patchesFindNothing;
        volatile Blocker block;
        final AtomicInteger failuresBeforeSuccess = new AtomicInteger();

        @Override
        public Event create(Event event) throws ApiException {
            enter();
            synchronized (this) {
                created.add(event);
                stored.add(event);
                calls.add("create " + event.metadata().name() + " " + event.reason() + " count=" + event.count());
                return event;
            }
        }

        @Override
        public Event patch(String namespace, String name, String mergePatch) throws ApiException {
            enter();
            if (patchesFindNothing) {
                throw new ApiException.NotFoundException(status(404, "NotFound"));
            }
            synchronized (this) {
                calls.add("patch " + namespace + "/" + name + " " + mergePatch);
                Event current = stored.stream().filter(e -> e.metadata().name().equals(name)).findFirst().orElseThrow();
                int count = Integer.parseInt(mergePatch.replaceAll(".*\"count\":(\\d+).*", "$1"));
                return current.withCount(count);
            }
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }

        synchronized Event only() {
            assertEquals(1, created.size(), "events written: " + calls);
            return created.get(0);
        }

        private void enter() throws ApiException {
            Blocker blocker = block;
            if (blocker != null) {
                block = null;
                try {
                    blocker.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiException.ServerErrorException(status(0, "Interrupted"), e);
                }
            }
            if (failuresBeforeSuccess.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ApiException.ServerErrorException(status(503, "ServiceUnavailable"), null);
            }
        }

        private static Status status(int code, String reason) {
            return new Status("v1", "Status", null, "Failure", reason, reason, null, code);
        }
    }
}
