package io.tugboat.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension as tests use it: one etcd for the class, reachable on its endpoint, with data that
 * survives a stop and start. Keys go through etcd's JSON gateway for the v3 API, so this module
 * needs no etcd client library.
 */
class EtcdExtensionIT {

    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void answersHealthyOnItsLoopbackEndpoint() throws Exception {
        assertEquals("http://127.0.0.1:" + etcd.clientPort(), etcd.endpoint());
        assertTrue(etcd.isRunning());
        assertTrue(get("/health").contains("\"health\":\"true\""));
    }

    @Test
    void usesDistinctClientAndPeerPorts() {
        assertTrue(etcd.clientPort() > 0);
        assertTrue(etcd.peerPort() > 0);
        assertFalse(etcd.clientPort() == etcd.peerPort());
    }

    @Test
    void storesAndReadsKeysThroughTheV3Api() throws Exception {
        put("/tugboat-test/stores", "value-1");

        assertTrue(range("/tugboat-test/stores").contains(base64("value-1")));
    }

    @Test
    void comesBackOnTheSamePortWithItsDataAfterStopAndStart() throws Exception {
        put("/tugboat-test/restart", "kept");
        int port = etcd.clientPort();

        etcd.stop();
        assertFalse(etcd.isRunning());
        assertThrows(IOException.class, () -> get("/health"));

        etcd.start();
        assertEquals(port, etcd.clientPort());
        assertTrue(get("/health").contains("\"health\":\"true\""));
        assertTrue(range("/tugboat-test/restart").contains(base64("kept")));
    }

    @Test
    void writesEtcdOutputToItsLogFile() {
        // etcd logs its listen URLs before it serves; later lines may still be on their way.
        assertTrue(etcd.logTail(500).contains(etcd.endpoint()), etcd.logTail(20));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(etcd.endpoint() + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private void put(String key, String value) throws IOException, InterruptedException {
        post("/v3/kv/put", "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}");
    }

    private String range(String key) throws IOException, InterruptedException {
        return post("/v3/kv/range", "{\"key\":\"" + base64(key) + "\"}");
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(etcd.endpoint() + path))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
