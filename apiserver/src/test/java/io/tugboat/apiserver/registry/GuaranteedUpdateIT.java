package io.tugboat.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.storage.EtcdStorage;
import io.tugboat.apiserver.storage.KeyValue;
import io.tugboat.apiserver.storage.ListResult;
import io.tugboat.apiserver.storage.Storage;
import io.tugboat.apiserver.storage.StorageEvent;
import io.tugboat.apiserver.storage.StorageException;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Registry#guaranteedUpdate} starts from the watch cache's copy and relies on etcd's compare-and-swap:
 * these tests hold the cache back (a gate on its etcd watch) so that its copy is stale, and check that every
 * answer is still the one etcd's current object gives — and that a fresh copy costs no etcd read.
 */
class GuaranteedUpdateIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    private static final AtomicInteger RUN = new AtomicInteger();

    private GatedStorage storage;
    private Registry registry;

    @BeforeEach
    void start() {
        storage = new GatedStorage(new EtcdStorage(List.of(etcd.endpoint()), Duration.ofSeconds(60)));
        registry = new Registry(ResourceKinds.CONFIG_MAPS, storage, "/guaranteed-update-" + RUN.incrementAndGet(),
                new GenericStrategy(ResourceKinds.CONFIG_MAPS), Clock.systemUTC(), 100);
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop();
        storage.close();
    }

    private static ConfigMap configMap(String n) throws Exception {
        return Codec.fromJson("{\"metadata\":{\"name\":\"cm\"},\"data\":{\"n\":\"" + n + "\"}}", ConfigMap.class).value();
    }

    private static String n(KubernetesObject object) {
        return ((ConfigMap) object).data().get("n");
    }

    private static UnaryOperator<KubernetesObject> setN(String value) {
        return current -> ((ConfigMap) current).withData(Map.of("n", value));
    }

    private long version(KubernetesObject object) {
        return Long.parseLong(object.metadata().resourceVersion());
    }

    private ConfigMap inEtcd() {
        return (ConfigMap) registry.get("default", "cm");
    }

    /** Waits until the watch cache holds cm at {@code revision} (or later). */
    private void cacheHas(long revision) throws InterruptedException {
        Eventually.until("the watch cache sees revision " + revision, Duration.ofSeconds(30), () ->
                registry.cache().entry(registry.key("default", "cm")).map(e -> e.kv().modRevision()).orElse(0L) >= revision);
    }

    /** Creates cm with n=0, lets the cache see it, then holds the cache back and moves etcd on to n=1. */
    private long staleCache() throws Exception {
        long first = version(registry.create("default", configMap("0"), false));
        cacheHas(first);
        storage.hold();
        long second = version(registry.guaranteedUpdate("default", "cm", setN("1"), null, false, false));
        assertEquals("0", n(registry.cache().entry(registry.key("default", "cm")).orElseThrow().object()));
        return second;
    }

    @Test
    void aFreshCachedCopyIsUpdatedWithoutReadingEtcd() throws Exception {
        long created = version(registry.create("default", configMap("0"), false));
        cacheHas(created);
        int reads = storage.gets.get();

        KubernetesObject updated = registry.guaranteedUpdate("default", "cm", setN("1"), null, false, false);

        assertEquals(reads, storage.gets.get());
        assertEquals("1", n(updated));
        assertEquals("1", n(inEtcd()));
        assertEquals(updated.metadata().resourceVersion(), inEtcd().metadata().resourceVersion());
    }

    @Test
    void aStaleCopyLosesTheCompareAndSwapAndTheRetryStartsFromWhatTheFailedWriteReturned() throws Exception {
        long second = staleCache();
        int reads = storage.gets.get();

        KubernetesObject updated = registry.guaranteedUpdate("default", "cm",
                current -> setN(Integer.toString(Integer.parseInt(n(current)) + 1)).apply(current), null, false, false);

        assertEquals(reads, storage.gets.get(), "the conflict carried the current object: no extra read");
        assertEquals("2", n(updated)); // incremented etcd's 1, not the cache's 0
        assertEquals("2", n(inEtcd()));
        assertNotEquals(second, version(updated));
    }

    @Test
    void anErrorOnAStaleCopyIsCheckedAgainstEtcd() throws Exception {
        staleCache();
        KubernetesObject updated = registry.guaranteedUpdate("default", "cm", current -> {
            if (!"1".equals(n(current))) {
                throw ApiError.conflict(ResourceKinds.CONFIG_MAPS, "cm", "n is not 1");
            }
            return setN("2").apply(current);
        }, null, false, false);
        assertEquals("2", n(updated));
        assertEquals("2", n(inEtcd()));
    }

    @Test
    void anErrorOnACurrentCopyStands() throws Exception {
        long created = version(registry.create("default", configMap("0"), false));
        cacheHas(created);
        ApiError error = assertThrows(ApiError.class, () -> registry.guaranteedUpdate("default", "cm", current -> {
            throw ApiError.conflict(ResourceKinds.CONFIG_MAPS, "cm", "never");
        }, null, false, false));
        assertEquals(409, error.code());
        assertEquals(created, version(inEtcd()));
    }

    @Test
    void nothingToChangeOnAStaleCopyIsCheckedAgainstEtcd() throws Exception {
        long second = staleCache();
        // The cache holds n=0 already, etcd holds n=1: setting n=0 is a real change.
        KubernetesObject updated = registry.guaranteedUpdate("default", "cm", setN("0"), null, false, false);
        assertEquals("0", n(inEtcd()));
        assertNotEquals(second, version(updated));
        assertEquals(updated.metadata().resourceVersion(), inEtcd().metadata().resourceVersion());
    }

    @Test
    void nothingToChangeOnACurrentCopyWritesNothing() throws Exception {
        long created = version(registry.create("default", configMap("0"), false));
        cacheHas(created);
        KubernetesObject same = registry.guaranteedUpdate("default", "cm", setN("0"), null, false, false);
        assertEquals(created, version(same));
        assertEquals(created, version(inEtcd()));
    }

    @Test
    void aPinnedVersionNewerThanTheCacheIsEtcdsAndSucceeds() throws Exception {
        long second = staleCache();
        KubernetesObject updated = registry.guaranteedUpdate("default", "cm", setN("2"), Long.toString(second), false, false);
        assertEquals("2", n(updated));
        assertEquals("2", n(inEtcd()));
    }

    @Test
    void aPinnedVersionOlderThanEtcdsIsAConflictEvenWhenTheCacheStillHasIt() throws Exception {
        long first = version(registry.create("default", configMap("0"), false));
        cacheHas(first);
        storage.hold();
        registry.guaranteedUpdate("default", "cm", setN("1"), null, false, false);
        ApiError error = assertThrows(ApiError.class, () ->
                registry.guaranteedUpdate("default", "cm", setN("2"), Long.toString(first), false, false));
        assertEquals(409, error.code());
        assertEquals("1", n(inEtcd()));
    }

    @Test
    void aKindWithHooksReadsEtcdFirst() throws Exception {
        registry.setHooks(new Registry.Hooks() { });
        long created = version(registry.create("default", configMap("0"), false));
        cacheHas(created);
        int reads = storage.gets.get();
        registry.guaranteedUpdate("default", "cm", setN("1"), null, false, false);
        assertEquals(reads + 1, storage.gets.get());
    }

    @Test
    void updatingAnObjectTheCacheHasNotSeenYetReadsEtcd() throws Exception {
        storage.hold();
        registry.create("default", configMap("0"), false);
        KubernetesObject updated = registry.guaranteedUpdate("default", "cm", setN("1"), null, false, false);
        assertEquals("1", n(updated));
        assertEquals("1", n(inEtcd()));
    }

    /** etcd, with watch events held back on request (a cache that lags behind) and reads counted. */
    static final class GatedStorage implements Storage {
        private final Storage etcd;
        final AtomicInteger gets = new AtomicInteger();
        private boolean holding;

        GatedStorage(Storage etcd) {
            this.etcd = etcd;
        }

        synchronized void hold() {
            holding = true;
        }

        /** Whether watch events may reach the cache; once held, they are dropped (the cache never catches up). */
        private synchronized boolean delivering() {
            return !holding;
        }

        @Override
        public Optional<KeyValue> get(String key) {
            gets.incrementAndGet();
            return etcd.get(key);
        }

        @Override
        public ListResult list(String prefix, String startKey, long limit, long revision) {
            return etcd.list(prefix, startKey, limit, revision);
        }

        @Override
        public long create(String key, byte[] value) {
            return etcd.create(key, value);
        }

        @Override
        public long update(String key, byte[] value, long expectedModRevision) {
            return etcd.update(key, value, expectedModRevision);
        }

        @Override
        public KeyValue delete(String key, long expectedModRevision) {
            return etcd.delete(key, expectedModRevision);
        }

        @Override
        public long currentRevision() {
            return etcd.currentRevision();
        }

        @Override
        public WatchHandle watch(String prefix, long afterRevision, Listener listener) {
            return etcd.watch(prefix, afterRevision, new Listener() {
                @Override
                public void onEvents(List<StorageEvent> events) {
                    if (delivering()) {
                        listener.onEvents(events);
                    }
                }

                @Override
                public void onProgress(long revision) {
                    // A progress report past held events would tell the cache it is fresh: hold it too.
                    if (delivering()) {
                        listener.onProgress(revision);
                    }
                }

                @Override
                public void onError(StorageException error) {
                    listener.onError(error);
                }
            });
        }

        @Override
        public void requestProgress() {
            etcd.requestProgress();
        }

        @Override
        public void compact(long revision) {
            etcd.compact(revision);
        }

        @Override
        public void close() {
            etcd.close();
        }
    }
}
