package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** etcd going away and coming back; requests beyond the in-flight limits. */
class AvailabilityIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    @Test
    void whileEtcdIsDownRequestsFailFastWithAStatusAndTheServerRecoversOnItsOwn() throws Exception {
        try (TestServer api = new TestServer(etcd, c -> c.withEtcdPrefix("/avail").withRequestTimeout(Duration.ofSeconds(2)))) {
            String path = "/api/v1/namespaces/default/configmaps";
            String rv = api.post(path, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"before\"}}").json()
                    .path("metadata").path("resourceVersion").asText();
            try (TestServer.Watch watch = api.watch(path + "?watch=true&resourceVersion=" + rv)) {
                etcd.stop();
                long start = System.nanoTime();
                TestServer.Response down = api.get(path + "/before");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(down.code() == 503 || down.code() == 504, down.code() + " " + down.body());
                assertEquals("Status", down.json().path("kind").asText());
                assertTrue(millis < 10_000, "took " + millis + " ms");
                assertEquals(500, api.get("/readyz").code());
                assertEquals(200, api.get("/healthz").code());

                etcd.start();
                // Recovery: the first request after etcd is back may still see a reconnecting client.
                TestServer.Response[] after = new TestServer.Response[1];
                Eventually.until("a create succeeds again", Duration.ofSeconds(20), () -> {
                    after[0] = api.post(path, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"after\"}}");
                    return after[0].code() == 201 || after[0].code() == 409;
                });
                assertEquals(200, api.get("/readyz").code());
                // The watch either delivers the new object or ends; a client then resumes or relists.
                JsonNode event = watch.next();
                String type = event.path("type").asText();
                assertTrue(List.of("ADDED", "CLOSED", "ERROR").contains(type), event.toString());
            }
        }
    }

    @Test
    void beyondTheInFlightLimitRequestsGet429WithRetryAfter() {
        try (TestServer api = new TestServer(etcd, c -> c.withEtcdPrefix("/limits").withInFlightLimits(0, 0))) {
            TestServer.Response response = api.get("/api/v1/namespaces/default/configmaps");
            assertEquals(429, response.code());
            assertEquals("TooManyRequests", response.json().path("reason").asText());
            assertEquals(List.of("1"), response.headers("retry-after"));
            // Long-running requests are not counted.
            try (TestServer.Watch watch = api.watch("/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1")) {
                assertEquals(200, watch.code);
            }
        }
    }
}
