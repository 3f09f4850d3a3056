package io.tugboat.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.KubernetesObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watch cache's contract, with a fake store that delivers changes when the test says so. */
class WatchCacheTest {

    /** Just enough of a Storage: an initial list, and a way to push watch events by hand. */
    static final class FakeStorage implements Storage {
        final List<KeyValue> initial = new ArrayList<>();
        long listRevision = 10;
        Listener listener;

        @Override
        public Optional<KeyValue> get(String key) {
            return Optional.empty();
        }

        @Override
        public ListResult list(String prefix, String startKey, long limit, long revision) {
            return new ListResult(initial, listRevision, 0);
        }

        @Override
        public long create(String key, byte[] value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long update(String key, byte[] value, long expectedModRevision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValue delete(String key, long expectedModRevision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long currentRevision() {
            return listRevision;
        }

        @Override
        public WatchHandle watch(String prefix, long afterRevision, Listener listener) {
            this.listener = listener;
            return () -> { };
        }

        @Override
        public void requestProgress() {
        }

        @Override
        public void compact(long revision) {
        }

        @Override
        public void close() {
        }
    }

    /** Records what it is offered; can be told to refuse (a slow client). */
    static final class RecordingSink implements WatchSink {
        final List<String> events = new ArrayList<>();
        boolean refuse;
        String terminated;

        @Override
        public boolean offer(String type, KubernetesObject object) {
            if (refuse) {
                return false;
            }
            events.add(type + " " + object.metadata().name() + "@" + object.metadata().resourceVersion());
            return true;
        }

        @Override
        public void terminate(String reason) {
            terminated = reason;
        }
    }

    static KeyValue kv(String name, String label, long revision) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"" + label + "\"}}}";
        return new KeyValue("/r/configmaps/ns/" + name, json.getBytes(StandardCharsets.UTF_8), revision, revision);
    }

    static StorageEvent put(String name, String label, long revision, KeyValue previous) {
        return new StorageEvent(StorageEvent.Type.PUT, kv(name, label, revision), previous);
    }

    FakeStorage storage;
    WatchCache cache;

    @BeforeEach
    void setUp() {
        storage = new FakeStorage();
        storage.initial.add(kv("a", "web", 5));
        cache = new WatchCache(storage, "/r/configmaps/", kv -> {
            try {
                ConfigMap cm = Codec.fromJson(kv.value(), ConfigMap.class).value();
                return cm.withMetadata(cm.metadata().withResourceVersion(Long.toString(kv.modRevision())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 3);
        cache.start();
    }

    @Test
    void watchingFromZeroSendsTheCurrentStateThenChanges() throws Exception {
        RecordingSink sink = new RecordingSink();
        cache.watch(0, o -> true, sink);
        storage.listener.onEvents(List.of(put("b", "web", 11, null)));
        assertEquals(List.of("ADDED a@5", "ADDED b@11"), sink.events);
    }

    @Test
    void watchingFromARevisionReplaysOnlyLaterChanges() throws Exception {
        storage.listener.onEvents(List.of(put("b", "web", 11, null), put("b", "web", 12, kv("b", "web", 11))));
        RecordingSink sink = new RecordingSink();
        cache.watch(11, o -> true, sink);
        assertEquals(List.of("MODIFIED b@12"), sink.events);
    }

    @Test
    void aRevisionOlderThanTheWindowIsExpired() {
        storage.listener.onEvents(List.of(put("b", "web", 11, null), put("c", "web", 12, null),
                put("d", "web", 13, null), put("e", "web", 14, null)));
        assertThrows(WatchCache.ExpiredException.class, () -> cache.watch(10, o -> true, new RecordingSink()));
        assertThrows(WatchCache.ExpiredException.class, () -> cache.watch(9, o -> true, new RecordingSink()));
    }

    @Test
    void anObjectLeavingTheFilterIsDeletedForThatWatch() throws Exception {
        RecordingSink sink = new RecordingSink();
        cache.watch(10, o -> "web".equals(o.metadata().labels().get("app")), sink);
        storage.listener.onEvents(List.of(put("a", "db", 11, kv("a", "web", 5)), put("a", "web", 12, kv("a", "db", 11))));
        assertEquals(List.of("DELETED a@11", "ADDED a@12"), sink.events);
    }

    @Test
    void aSlowClientIsCutOffWithoutHoldingUpTheOthers() throws Exception {
        RecordingSink slow = new RecordingSink();
        RecordingSink fast = new RecordingSink();
        cache.watch(10, o -> true, slow);
        cache.watch(10, o -> true, fast);
        slow.refuse = true;
        storage.listener.onEvents(List.of(put("b", "web", 11, null)));
        storage.listener.onEvents(List.of(put("c", "web", 12, null)));
        assertTrue(slow.terminated != null);
        assertEquals(List.of("ADDED b@11", "ADDED c@12"), fast.events);
    }

    @Test
    void progressNotificationsAdvanceTheRevisionForQuietResources() throws Exception {
        storage.listener.onProgress(40);
        assertEquals(40, cache.revision());
        cache.waitUntilFresh(40, java.time.Duration.ofMillis(10));
        assertThrows(WatchCache.TooLargeResourceVersionException.class,
                () -> cache.waitUntilFresh(41, java.time.Duration.ofMillis(50)));
    }

    @Test
    void snapshotsAreFilteredByKeyPrefix() {
        assertEquals(1, cache.snapshot("/r/configmaps/ns/").items().size());
        assertEquals(0, cache.snapshot("/r/configmaps/other/").items().size());
        assertEquals(Map.of("app", "web"), cache.snapshot().items().get(0).metadata().labels());
    }
}
