package io.tugboat.client.informer;

import static io.tugboat.client.informer.TestObjects.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.client.ListOptions;
import io.tugboat.client.WatchEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReflectorTest {
    private final FakeApiServer<ConfigMap> server = new FakeApiServer<>();
    private final ThreadSafeStore<ConfigMap> store = new ThreadSafeStore<>(Indexers.defaults());
    private final RecordingHandler<ConfigMap> handler = new RecordingHandler<>();
    private FakeClock clock = FakeClock.autoAdvancing();
    private InformerOptions options = InformerOptions.defaults().withRandom(new FixedRandom(0));
    private Reflector<ConfigMap> reflector;
    private Thread thread;

    private void start() throws InterruptedException {
        reflector = new Reflector<>("configmaps", server, ListOptions.none(), store, handler,
                options.withClock(clock).withSleeper(clock));
        thread = new Thread(reflector::run, "reflector-under-test");
        thread.start();
    }

    private void startAndSync(int initialObjects) throws InterruptedException {
        start();
        assertTrue(reflector.awaitSynced(Eventually.DEFAULT_TIMEOUT), "synced");
        handler.take(initialObjects);
        awaitWatches(server.watchCalls().size() == 0 ? 1 : server.watchCalls().size());
    }

    private void awaitWatches(int calls) throws InterruptedException {
        Eventually.await(calls + " watch calls and one open watch",
                () -> server.watchCalls().size() >= calls && server.openWatches() == 1);
    }

    private void assertStoreMatchesServer() {
        Map<String, ConfigMap> expected = server.snapshot();
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(store.listKeys()));
        for (ConfigMap cached : store.list()) {
            assertEquals(expected.get(Keys.keyOf(cached)), cached);
        }
    }

    @AfterEach
    void stopReflector() throws InterruptedException {
        if (reflector != null) {
            reflector.stop();
            Eventually.joined(thread);
        }
    }

    @Test
    void listsThenWatchesFromTheListsResourceVersionApplyingEventsInOrder() throws InterruptedException {
        server.create(configMap("default/a"));                      // 101
        server.create(configMap("default/b"));                      // 102
        startAndSync(0);

        assertEquals("0", server.listCalls().get(0).resourceVersion(), "first list may come from the watch cache");
        ListOptions watch = server.watchCalls().get(0);
        assertEquals("102", watch.resourceVersion());
        assertTrue(watch.allowWatchBookmarks());
        assertTrue(watch.timeoutSeconds() >= 300 && watch.timeoutSeconds() <= 600, "timeout " + watch.timeoutSeconds());

        server.update(server.snapshot().get("default/a"));          // 103
        server.create(configMap("default/c"));                      // 104
        server.delete("default/b");                                 // 105
        assertEquals(List.of("update default/a@101->103", "add default/c@104", "delete default/b@105"),
                handler.take(3));
        assertStoreMatchesServer();
        assertEquals("105", reflector.lastSyncResourceVersion());
    }

    @Test
    void deliversTheFirstListAsAddsAndOnlyThenHasSynced() throws InterruptedException {
        server.create(configMap("default/a"));
        server.create(configMap("default/b"));
        server.failNextLists(Errors.serverError("etcd down"));
        start();

        assertTrue(reflector.awaitSynced(Eventually.DEFAULT_TIMEOUT));
        assertEquals(List.of("add default/a@101", "add default/b@102"), handler.events());
        assertEquals("102", reflector.lastSyncResourceVersion());
        assertEquals(2, server.listCalls().size());
    }

    @Test
    void resumesFromTheLastSeenVersionWhenTheServerEndsTheWatch() throws InterruptedException {
        server.create(configMap("default/a"));                      // 101
        startAndSync(1);
        server.update(server.snapshot().get("default/a"));          // 102
        handler.take(1);

        server.endWatches();
        awaitWatches(2);
        server.create(configMap("default/b"));                      // 103

        assertEquals(List.of("add default/b@103"), handler.take(1));
        assertEquals("102", server.watchCalls().get(1).resourceVersion());
        assertEquals(1, server.listCalls().size(), "no relist");
    }

    @Test
    void retriesARefusedWatchFromTheSameVersionAndGetsWhatItMissed() throws InterruptedException {
        clock = FakeClock.manual();
        server.create(configMap("default/a"));                      // 101
        startAndSync(1);

        server.failNextWatches(Errors.tooManyRequests());
        clock.advance(Duration.ofMinutes(5));
        server.endWatches();                                         // the server's watch timeout
        clock.awaitSleepers(1);                                      // backing off after the 429
        server.update(server.snapshot().get("default/a"));          // 102, while no watch is open
        clock.advance(Duration.ofSeconds(2));

        assertEquals(List.of("update default/a@101->102"), handler.take(1));
        assertEquals(List.of("101", "101", "101"),
                server.watchCalls().stream().map(ListOptions::resourceVersion).toList());
        assertEquals(1, server.listCalls().size(), "no relist");
        assertEquals(List.of(Duration.ofMillis(800)), clock.sleeps());
    }

    /** Falls behind, then: a, b, c, d cached; b changes, c goes, e appears while the reflector is deaf. */
    private void fallBehind() throws InterruptedException {
        for (String key : List.of("default/a", "default/b", "default/c", "default/d")) {
            server.create(configMap(key));                          // 101..104
        }
        startAndSync(4);
        server.partition();
        server.update(server.snapshot().get("default/b"));          // 105
        server.delete("default/c");                                 // 106
        server.create(configMap("default/e"));                      // 107
        server.compact();
    }

    private static final List<String> DIFFERENCE = List.of(
            "update default/b@102->105", "add default/e@107", "tombstone default/c@103");

    @Test
    void relistsAfterAnExpiredWatchAndDeliversOnlyTheDifference() throws InterruptedException {
        fallBehind();
        server.expireWatches();

        assertEquals(DIFFERENCE, handler.take(3));
        assertEquals(2, server.listCalls().size());
        assertNull(server.listCalls().get(1).resourceVersion(), "a relist reads the most recent state");
        awaitWatches(2);
        assertEquals("107", server.watchCalls().get(1).resourceVersion());
        assertStoreMatchesServer();
        assertEquals(List.of(Duration.ofMillis(800)), clock.sleeps(), "the relist waited one backoff");
    }

    @Test
    void relistsWhenTheServerRefusesToResumeWithGone() throws InterruptedException {
        fallBehind();
        server.endWatches();                                         // re-watch from 104 -> 410

        assertEquals(DIFFERENCE, handler.take(3));
        assertEquals(List.of("104", "104", "107"), Eventually.awaitValue(
                () -> server.watchCalls().stream().map(ListOptions::resourceVersion).toList(), l -> l.size() == 3));
        assertStoreMatchesServer();
    }

    @Test
    void relistsWhenTheStreamBreaks() throws InterruptedException {
        fallBehind();
        server.breakWatches();

        assertEquals(DIFFERENCE, handler.take(3));
        assertEquals(2, server.listCalls().size());
        assertStoreMatchesServer();
    }

    @Test
    void aBookmarkMovesTheResumePointWithoutTouchingObjects() throws InterruptedException {
        server.create(configMap("default/a"));                      // 101
        startAndSync(1);
        ConfigMap before = store.get("default/a").orElseThrow();

        server.bumpRevision(50);                                     // other kinds were written: 151
        server.bookmark(configMap("bookmark"));
        Eventually.await("resourceVersion 151", () -> reflector.lastSyncResourceVersion().equals("151"));
        server.endWatches();
        awaitWatches(2);

        assertEquals("151", server.watchCalls().get(1).resourceVersion());
        assertEquals(List.of(), handler.events());
        assertEquals(List.of("default/a"), store.listKeys());
        assertTrue(before == store.get("default/a").orElseThrow(), "the cached object was not touched");
    }

    @ParameterizedTest(name = "jitter {0}, max {1}ms: waits {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0 | 30000 | 800 1600 3200 6400 12800
            0.5 | 30000 | 1200 2400 4800 9600 19200
            0.0 | 2000  | 800 1600 2000 2000 2000
            0.9 | 2000  | 1520 3040 3800 3800 3800
            """)
    void backsOffExponentiallyWithJitterWhileListingFails(double jitter, long maxMillis, String waits)
            throws InterruptedException {
        options = options.withRandom(new FixedRandom(jitter)).withBackoff(Duration.ofMillis(800), Duration.ofMillis(maxMillis));
        server.failNextLists(Errors.serverError("1"), Errors.noAnswer(), Errors.serverError("3"),
                Errors.tooManyRequests(), Errors.serverError("5"));
        startAndSync(0);

        List<Duration> expected = Arrays.stream(waits.split(" ")).map(ms -> Duration.ofMillis(Long.parseLong(ms))).toList();
        assertEquals(expected, clock.sleeps());
        assertEquals(6, server.listCalls().size());
    }

    @Test
    void aWatchThatEndsAtOnceWithoutEventsIsBackedOff() throws InterruptedException {
        startAndSync(0);
        server.endWatches();                                         // zero events, zero time
        awaitWatches(2);
        assertEquals(List.of(Duration.ofMillis(800)), clock.sleeps());
        assertEquals(1, server.listCalls().size(), "still no relist");
    }

    @ParameterizedTest(name = "{0} event for {1} cached: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ADDED    | default/a | update default/a@101->200
            MODIFIED | default/z | add default/z@200
            DELETED  | default/z | -
            DELETED  | default/a | delete default/a@200
            """)
    void watchEventsAreAppliedToWhatTheStoreHasNotToWhatTheyClaim(WatchEvent.Type type, String key, String expected)
            throws InterruptedException {
        server.create(configMap("default/a"));                      // 101
        startAndSync(1);
        server.emit(new WatchEvent<>(type, TestObjects.atVersion(configMap(key), 200), null));
        server.emit(new WatchEvent<>(WatchEvent.Type.ADDED, TestObjects.atVersion(configMap("default/marker"), 201), null));

        List<String> events = handler.take(expected.equals("-") ? 1 : 2);
        assertEquals(expected.equals("-") ? List.of("add default/marker@201") : List.of(expected, "add default/marker@201"),
                events);
        assertEquals("201", reflector.lastSyncResourceVersion());
    }

    @Test
    void resyncRedeliversEveryCachedObjectAsAnUpdateOfItself() throws InterruptedException {
        clock = FakeClock.manual();
        options = options.withResyncPeriod(Duration.ofSeconds(30));
        server.create(configMap("default/a"));
        server.create(configMap("default/b"));
        startAndSync(2);

        clock.awaitSleepers(1);                                      // the resync timer
        clock.advance(Duration.ofSeconds(29));
        assertEquals(List.of(), handler.events(), "not yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("resync default/a@101", "resync default/b@102"), handler.take(2).stream().sorted().toList());

        clock.awaitSleepers(1);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(2, handler.take(2).size());
        assertEquals(1, server.listCalls().size(), "a resync does not talk to the server");
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheReflector() throws InterruptedException {
        RecordingHandler<ConfigMap> recorder = new RecordingHandler<>();
        reflector = new Reflector<>("configmaps", server, ListOptions.none(), store, new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                recorder.onAdd(object);
                throw new IllegalStateException("handler bug");
            }
        }, options.withClock(clock).withSleeper(clock));
        thread = new Thread(reflector::run);
        thread.start();

        server.create(configMap("default/a"));
        server.create(configMap("default/b"));
        assertEquals(2, recorder.take(2).size());
        assertEquals(2, store.list().size());
    }

    @Test
    void stopClosesTheWatchAndEndsRun() throws InterruptedException {
        startAndSync(0);
        reflector.stop();
        Eventually.joined(thread);
        assertEquals(0, server.openWatches());
    }

    @Test
    void stopCutsABackoffShort() throws InterruptedException {
        clock = FakeClock.manual();
        server.failNextLists(Errors.serverError("down"));
        start();
        clock.awaitSleepers(1);

        reflector.stop();
        Eventually.joined(thread);
        assertFalse(reflector.hasSynced());
    }
}
