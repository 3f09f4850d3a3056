package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.testsupport.EtcdExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Optimistic concurrency: many clients doing read-modify-write on one object lose no update. */
class ConcurrencyIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestServer api;

    @BeforeAll
    static void start() {
        api = new TestServer(etcd);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void twentyClientsIncrementingACounterWithRetryOnConflictLoseNoUpdate() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps/counter";
        api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"counter\"},\"data\":{\"n\":\"0\"}}");
        int clients = 20;
        int incrementsEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            conflicts.add(pool.submit(() -> {
                int seen = 0;
                for (int i = 0; i < incrementsEach; i++) {
                    while (true) {
                        JsonNode current = api.get(path).json();
                        int n = Integer.parseInt(current.path("data").path("n").asText());
                        ((ObjectNode) current.get("data")).put("n", Integer.toString(n + 1));
                        TestServer.Response response = api.put(path, current.toString());
                        if (response.code() == 200) {
                            break;
                        }
                        assertEquals(409, response.code(), response.body());
                        seen++;
                    }
                }
                return seen;
            }));
        }
        int totalConflicts = 0;
        for (Future<Integer> f : conflicts) {
            totalConflicts += f.get();
        }
        pool.shutdown();
        assertEquals(Integer.toString(clients * incrementsEach), api.get(path).json().path("data").path("n").asText(),
                "after " + totalConflicts + " conflicts");
    }

    @Test
    void concurrentServerSidePatchesAreAllApplied() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps/patched";
        api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"patched\"},\"data\":{}}");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int key = i;
            results.add(pool.submit(() -> api.patch(path, "{\"data\":{\"k" + key + "\":\"v\"}}",
                    "application/merge-patch+json").code()));
        }
        for (Future<Integer> f : results) {
            assertEquals(200, f.get());
        }
        pool.shutdown();
        assertEquals(40, api.get(path).json().path("data").size());
    }
}
