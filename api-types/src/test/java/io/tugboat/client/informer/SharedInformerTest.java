package io.tugboat.client.informer;

import static io.tugboat.client.informer.TestObjects.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ListOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedInformerTest {
    private final FakeApiServer<ConfigMap> server = new FakeApiServer<>();
    private final FakeClock clock = FakeClock.autoAdvancing();
    private final SharedInformer<ConfigMap> informer = new SharedInformer<>("configmaps", server, ListOptions.none(),
            InformerOptions.defaults().withClock(clock).withSleeper(clock));

    @AfterEach
    void stopInformer() {
        informer.stop();
    }

    private void startAndSync() throws InterruptedException {
        informer.start();
        assertTrue(informer.awaitSynced(Eventually.DEFAULT_TIMEOUT));
        Eventually.await("a watch is open", () -> server.openWatches() == 1);
    }

    /** A handler whose first onAdd waits until the gate opens. */
    private static final class GatedHandler implements ResourceEventHandler<ConfigMap> {
        final CountDownLatch gate = new CountDownLatch(1);
        final RecordingHandler<ConfigMap> recorder = new RecordingHandler<>();

        @Override
        public void onAdd(ConfigMap object) {
            try {
                if (!gate.await(5, TimeUnit.SECONDS)) {
                    throw new AssertionError("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            recorder.onAdd(object);
        }
    }

    @Test
    void fansEveryChangeOutToEveryHandlerInOrder() throws InterruptedException {
        server.create(configMap("default/a"));                              // 101
        RecordingHandler<ConfigMap> first = new RecordingHandler<>();
        RecordingHandler<ConfigMap> second = new RecordingHandler<>();
        informer.addEventHandler(first);
        informer.addEventHandler(second);
        startAndSync();

        server.update(server.snapshot().get("default/a"));                  // 102
        server.create(configMap("default/b"));                              // 103
        server.delete("default/a");                                         // 104

        List<String> expected = List.of("add default/a@101", "update default/a@101->102", "add default/b@103",
                "delete default/a@104");
        assertEquals(expected, first.take(4));
        assertEquals(expected, second.take(4));
    }

    @Test
    void aSlowHandlerDelaysOnlyItself() throws InterruptedException {
        GatedHandler slow = new GatedHandler();
        RecordingHandler<ConfigMap> fast = new RecordingHandler<>();
        informer.addEventHandler(slow);
        informer.addEventHandler(fast);
        startAndSync();

        for (String key : List.of("default/a", "default/b", "default/c")) {
            server.create(configMap(key));
        }
        assertEquals(3, fast.take(3).size(), "the fast handler got everything while the slow one is stuck");
        assertEquals(0, slow.recorder.count());

        slow.gate.countDown();
        assertEquals(List.of("add default/a@101", "add default/b@102", "add default/c@103"), slow.recorder.take(3));
    }

    @Test
    void aLateHandlerFirstGetsEveryCachedObjectThenEveryChange() throws InterruptedException {
        server.create(configMap("default/a"));                              // 101
        server.create(configMap("default/b"));                              // 102
        startAndSync();
        server.update(server.snapshot().get("default/a"));                  // 103
        Eventually.await("the cache has a@103",
                () -> informer.lister().get("default", "a").orElseThrow().metadata().resourceVersion().equals("103"));

        RecordingHandler<ConfigMap> late = new RecordingHandler<>();
        HandlerRegistration registration = informer.addEventHandler(late);
        server.create(configMap("default/c"));                              // 104

        List<String> events = late.take(3);
        assertEquals(List.of("add default/a@103", "add default/b@102"), events.subList(0, 2).stream().sorted().toList());
        assertEquals("add default/c@104", events.get(2));
        Eventually.await("the late handler has synced", registration::hasSynced);
    }

    @Test
    void aRegistrationHasSyncedOnlyWhenItsHandlerHasProcessedTheInitialState() throws InterruptedException {
        server.create(configMap("default/a"));
        GatedHandler slow = new GatedHandler();
        HandlerRegistration registration = informer.addEventHandler(slow);
        startAndSync();

        assertTrue(informer.hasSynced(), "the cache is full");
        assertFalse(registration.hasSynced(), "but the handler is still on its first add");
        slow.gate.countDown();
        Eventually.await("the handler has synced", registration::hasSynced);
    }

    @Test
    void aRemovedHandlerHearsNothingMore() throws InterruptedException {
        RecordingHandler<ConfigMap> removed = new RecordingHandler<>();
        RecordingHandler<ConfigMap> kept = new RecordingHandler<>();
        HandlerRegistration registration = informer.addEventHandler(removed);
        informer.addEventHandler(kept);
        startAndSync();

        registration.remove();
        server.create(configMap("default/a"));
        kept.take(1);
        assertEquals(List.of(), removed.events());
    }

    @Test
    void aHandlerThatThrowsKeepsReceiving() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                synchronized (seen) {
                    seen.add(Keys.keyOf(object));
                }
                throw new IllegalStateException("handler bug");
            }
        });
        startAndSync();
        server.create(configMap("default/a"));
        server.create(configMap("default/b"));
        Eventually.await("both adds reached the handler", () -> {
            synchronized (seen) {
                return seen.size() == 2;
            }
        });
    }

    @Test
    void indexesAddedBeforeStartServeTheLister() throws InterruptedException {
        FakeApiServer<Pod> pods = new FakeApiServer<>();
        pods.create(TestObjects.pod("default/a", "node-1"));
        pods.create(TestObjects.pod("default/b", "node-2"));
        pods.create(TestObjects.pod("kube-system/c", "node-1"));
        SharedInformer<Pod> podInformer = new SharedInformer<>("pods", pods, ListOptions.none(),
                InformerOptions.defaults().withClock(clock).withSleeper(clock));
        podInformer.addIndexers(Map.of(Indexers.NODE_NAME, Indexers.<Pod>field(p -> p.spec().nodeName())));
        podInformer.start();
        try {
            assertTrue(podInformer.awaitSynced(Eventually.DEFAULT_TIMEOUT));
            assertEquals(List.of("default/a", "kube-system/c"),
                    podInformer.indexer().indexKeys(Indexers.NODE_NAME, "node-1"));
            assertEquals(2, podInformer.lister().byIndex(Indexers.NODE_NAME, "node-1").size());
            assertThrows(IllegalStateException.class,
                    () -> podInformer.addIndexers(Map.of(Indexers.OWNER_UID, Indexers.ownerUid())));
        } finally {
            podInformer.stop();
        }
    }

    @Test
    void stopEndsTheWatchAndEveryHandlerAndCannotBeUndone() throws InterruptedException {
        RecordingHandler<ConfigMap> handler = new RecordingHandler<>();
        informer.addEventHandler(handler);
        startAndSync();

        informer.stop();
        assertEquals(0, server.openWatches());
        server.create(configMap("default/a"));
        assertEquals(List.of(), handler.events());
        assertThrows(IllegalStateException.class, () -> informer.addEventHandler(new RecordingHandler<>()));
        assertThrows(IllegalStateException.class, informer::start);
        informer.stop(); // idempotent
    }

    @Test
    void forKeysHandsOverTheKeyOfWhateverChanged() {
        List<String> queue = new ArrayList<>();
        ResourceEventHandler<ConfigMap> handler = ResourceEventHandler.forKeys(queue::add);
        ConfigMap a = configMap("default/a");

        handler.onAdd(a);
        handler.onUpdate(a, configMap("default/b"));
        handler.onDelete(new DeletedObject<>(configMap("default/c")));
        handler.onDelete(new DeletedFinalStateUnknown<>("default/d", configMap("default/d")));
        handler.onAdd(configMap("cluster-wide"));

        assertEquals(List.of("default/a", "default/b", "default/c", "default/d", "cluster-wide"), queue);
    }
}
