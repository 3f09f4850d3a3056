package io.tugboat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException.TooManyRequestsException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the client sends a request again after a 429: only when the server said when (Retry-After), as client-go.
 * A JDK HTTP server stands in for the API server: what is tested is the client's retry rule, not the server.
 */
class TooManyRequestsRetryTest {
    private static final byte[] STATUS = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"Cannot evict pod as it would violate the pod's disruption budget.\","
            + "\"reason\":\"TooManyRequests\",\"code\":429}").getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private ApiClient serving(String retryAfter) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(429, STATUS.length);
            exchange.getResponseBody().write(STATUS);
            exchange.close();
        });
        server.start();
        return ApiClient.builder("http://127.0.0.1:" + server.getAddress().getPort()).maxRetriesOnTooManyRequests(2).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aTooManyRequestsWithoutRetryAfterIsTheAnswer() throws Exception {
        ApiClient client = serving(null);
        TooManyRequestsException e = assertThrows(TooManyRequestsException.class,
                () -> client.resources(ResourceKinds.PODS).inNamespace("default").get("web"));
        assertEquals(1, requests.get(), "sent once");
        assertEquals(-1, e.retryAfterSeconds());
        assertEquals("Cannot evict pod as it would violate the pod's disruption budget.", e.getMessage());
    }

    @Test
    void aTooManyRequestsWithRetryAfterIsSentAgainUpToTheLimit() throws Exception {
        ApiClient client = serving("0");
        TooManyRequestsException e = assertThrows(TooManyRequestsException.class,
                () -> client.resources(ResourceKinds.PODS).inNamespace("default").get("web"));
        assertEquals(3, requests.get(), "the first attempt and two retries");
        assertEquals(0, e.retryAfterSeconds());
    }
}
