package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watches: resume, initial events, filtering, expiry, bookmarks and timeouts. */
class WatchIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestServer api;

    @BeforeAll
    static void start() {
        api = new TestServer(etcd, c -> c.withBookmarkInterval(Duration.ofMillis(300)).withWatchCacheCapacity(50));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String cm(String ns, String name, String labels, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns
                + "\",\"labels\":{" + labels + "}},\"data\":{\"v\":\"" + value + "\"}}";
    }

    private static String createNamespace(String name) {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        return name;
    }

    private static String rv(JsonNode object) {
        return object.path("metadata").path("resourceVersion").asText();
    }

    @Test
    void aWatchResumedFromAVersionGetsExactlyTheLaterEventsInOrder() {
        String ns = createNamespace("resume");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        List<String> versions = new ArrayList<>();
        versions.add(rv(api.post(path, cm(ns, "a", "", "1")).json()));
        for (int i = 2; i <= 6; i++) {
            versions.add(rv(api.put(path + "/a", cm(ns, "a", "", Integer.toString(i))).json()));
        }
        String from = versions.get(2);
        try (TestServer.Watch watch = api.watch(path + "?watch=true&resourceVersion=" + from)) {
            assertEquals(200, watch.code);
            for (String expected : versions.subList(3, versions.size())) {
                JsonNode event = watch.next();
                assertEquals("MODIFIED", event.path("type").asText());
                assertEquals(expected, rv(event.get("object")));
            }
            assertNull(watch.poll(300), "no event may arrive twice or out of range");
        }
    }

    @Test
    void resourceVersionZeroStartsWithSyntheticAddedEvents() {
        String ns = createNamespace("initial");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api.post(path, cm(ns, "x", "", "1"));
        api.post(path, cm(ns, "y", "", "1"));
        try (TestServer.Watch watch = api.watch(path + "?watch=true&resourceVersion=0")) {
            assertEquals("ADDED", watch.next().path("type").asText());
            assertEquals("ADDED", watch.next().path("type").asText());
            api.post(path, cm(ns, "z", "", "1"));
            JsonNode third = watch.next();
            assertEquals("ADDED", third.path("type").asText());
            assertEquals("z", third.path("object").path("metadata").path("name").asText());
        }
    }

    @Test
    void anObjectThatStopsMatchingTheSelectorArrivesAsDeleted() {
        String ns = createNamespace("filtered");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        String start = rv(api.post(path, cm(ns, "f", "\"app\":\"web\"", "1")).json());
        try (TestServer.Watch watch = api.watch(path + "?watch=true&labelSelector=app%3Dweb&resourceVersion=" + start)) {
            api.put(path + "/f", cm(ns, "f", "\"app\":\"web\"", "2"));
            assertEquals("MODIFIED", watch.next().path("type").asText());
            api.put(path + "/f", cm(ns, "f", "\"app\":\"db\"", "3"));
            JsonNode gone = watch.next();
            assertEquals("DELETED", gone.path("type").asText());
            api.put(path + "/f", cm(ns, "f", "\"app\":\"web\"", "4"));
            assertEquals("ADDED", watch.next().path("type").asText());
        }
    }

    @Test
    void aVersionOutsideTheWatchWindowGetsA410ErrorEvent() {
        String ns = createNamespace("expired");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        String first = rv(api.post(path, cm(ns, "e", "", "0")).json());
        for (int i = 1; i <= 60; i++) { // the cache keeps 50 events
            api.put(path + "/e", cm(ns, "e", "", Integer.toString(i)));
        }
        try (TestServer.Watch watch = api.watch(path + "?watch=true&resourceVersion=" + first)) {
            assertEquals(200, watch.code);
            JsonNode error = watch.next();
            assertEquals("ERROR", error.path("type").asText());
            assertEquals(410, error.path("object").path("code").asInt());
            assertEquals("Expired", error.path("object").path("reason").asText());
        }
    }

    @Test
    void aCompactedVersionIsGoneForListsWithContinue() {
        String ns = createNamespace("compacted");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        for (int i = 0; i < 4; i++) {
            api.post(path, cm(ns, "c" + i, "", "x"));
        }
        JsonNode page = api.get(path + "?limit=2").json();
        String token = page.path("metadata").path("continue").asText();
        api.put(path + "/c0", cm(ns, "c0", "", "y"));
        api.server.storage().compact(api.server.storage().currentRevision());
        TestServer.Response response = api.get(path + "?limit=2&continue=" + token);
        assertEquals(410, response.code(), response.body());
        assertEquals("Expired", response.json().path("reason").asText());
    }

    @Test
    void bookmarksCarryTheCurrentVersionWhenAskedFor() {
        String ns = createNamespace("bookmarks");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        String start = rv(api.post(path, cm(ns, "b", "", "1")).json());
        try (TestServer.Watch watch = api.watch(path + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + start)) {
            JsonNode bookmark = watch.next();
            assertEquals("BOOKMARK", bookmark.path("type").asText());
            assertTrue(Long.parseLong(rv(bookmark.get("object"))) >= Long.parseLong(start));
        }
    }

    @Test
    void timeoutSecondsEndsTheWatch() {
        try (TestServer.Watch watch = api.watch("/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1")) {
            JsonNode frame;
            do {
                frame = watch.next();
            } while (!frame.path("type").asText().equals("CLOSED"));
        }
    }

    @Test
    void sendInitialEventsIsRejectedSoClientsFallBackToListThenWatch() {
        TestServer.Response response = api.get("/api/v1/configmaps?watch=true&sendInitialEvents=true"
                + "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");
        assertEquals(400, response.code());
    }

    @Test
    void aWatchFromTheVersionOfAFreshListMissesNothing() {
        String ns = createNamespace("list-then-watch");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api.post(path, cm(ns, "l1", "", "1"));
        String listVersion = api.get(path).json().path("metadata").path("resourceVersion").asText();
        try (TestServer.Watch watch = api.watch(path + "?watch=true&resourceVersion=" + listVersion)) {
            api.post(path, cm(ns, "l2", "", "1"));
            JsonNode event = watch.next();
            assertEquals("ADDED", event.path("type").asText());
            assertEquals("l2", event.path("object").path("metadata").path("name").asText());
        }
    }

    @Test
    void listsHonourNotOlderThanAndExactResourceVersions() {
        String ns = createNamespace("list-versions");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        String first = rv(api.post(path, cm(ns, "v", "", "1")).json());
        String second = rv(api.put(path + "/v", cm(ns, "v", "", "2")).json());
        JsonNode notOlder = api.get(path + "?resourceVersion=" + first).json();
        assertTrue(Long.parseLong(notOlder.path("metadata").path("resourceVersion").asText()) >= Long.parseLong(second));
        assertEquals("2", notOlder.path("items").get(0).path("data").path("v").asText());
        JsonNode exact = api.get(path + "?resourceVersion=" + first + "&resourceVersionMatch=Exact").json();
        assertEquals(first, exact.path("metadata").path("resourceVersion").asText());
        assertEquals("1", exact.path("items").get(0).path("data").path("v").asText());
    }
}
