package io.tugboat.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdStorageIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static EtcdStorage storage;

    @BeforeAll
    static void connect() {
        storage = new EtcdStorage(List.of(etcd.endpoint()), Duration.ofSeconds(5));
    }

    @AfterAll
    static void disconnect() {
        storage.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createSucceedsOnlyWhenTheKeyIsAbsent() {
        long rev = storage.create("/t1/a", b("1"));
        assertEquals(rev, storage.get("/t1/a").orElseThrow().modRevision());
        StorageException e = assertThrows(StorageException.class, () -> storage.create("/t1/a", b("2")));
        assertEquals(StorageException.Code.KEY_EXISTS, e.code());
    }

    @Test
    void updateComparesTheModRevision() {
        long rev = storage.create("/t2/a", b("1"));
        long rev2 = storage.update("/t2/a", b("2"), rev);
        assertTrue(rev2 > rev);
        assertEquals(StorageException.Code.CONFLICT,
                assertThrows(StorageException.class, () -> storage.update("/t2/a", b("3"), rev)).code());
        assertEquals(StorageException.Code.KEY_NOT_FOUND,
                assertThrows(StorageException.class, () -> storage.update("/t2/missing", b("3"), 0)).code());
        assertArrayEquals(b("2"), storage.get("/t2/a").orElseThrow().value());
    }

    @Test
    void deleteReturnsTheLastValueAtTheDeleteRevision() {
        long rev = storage.create("/t3/a", b("1"));
        KeyValue deleted = storage.delete("/t3/a", rev);
        assertArrayEquals(b("1"), deleted.value());
        assertTrue(deleted.modRevision() > rev);
        assertTrue(storage.get("/t3/a").isEmpty());
    }

    @Test
    void listPagesThroughAPrefixInKeyOrder() {
        for (int i = 0; i < 5; i++) {
            storage.create("/t4/k" + i, b("v" + i));
        }
        storage.create("/t4x/other", b("x"));
        ListResult first = storage.list("/t4/", null, 2, 0);
        assertEquals(2, first.items().size());
        assertEquals(3, first.remaining());
        ListResult second = storage.list("/t4/", first.items().get(1).key() + "\0", 10, first.revision());
        assertEquals(List.of("/t4/k2", "/t4/k3", "/t4/k4"), second.items().stream().map(KeyValue::key).toList());
        assertEquals(0, second.remaining());
    }

    @Test
    void watchDeliversChangesAfterTheRevisionInOrder() throws Exception {
        long start = storage.create("/t5/a", b("1"));
        BlockingQueue<StorageEvent> events = new LinkedBlockingQueue<>();
        try (Storage.WatchHandle ignored = storage.watch("/t5/", start, new Storage.Listener() {
            @Override
            public void onEvents(List<StorageEvent> batch) {
                events.addAll(batch);
            }

            @Override
            public void onProgress(long revision) {
            }

            @Override
            public void onError(StorageException error) {
            }
        })) {
            long r2 = storage.update("/t5/a", b("2"), start);
            storage.delete("/t5/a", r2);
            StorageEvent put = events.poll(10, TimeUnit.SECONDS);
            StorageEvent delete = events.poll(10, TimeUnit.SECONDS);
            assertEquals(StorageEvent.Type.PUT, put.type());
            assertArrayEquals(b("2"), put.current().value());
            assertEquals(StorageEvent.Type.DELETE, delete.type());
            assertTrue(delete.revision() > put.revision());
        }
    }

    @Test
    void compactedRevisionsAreExpired() {
        long rev = storage.create("/t6/a", b("1"));
        storage.update("/t6/a", b("2"), rev);
        storage.compact(storage.currentRevision());
        assertEquals(StorageException.Code.EXPIRED,
                assertThrows(StorageException.class, () -> storage.list("/t6/", null, 0, rev)).code());
    }
}
