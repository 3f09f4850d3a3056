package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.testsupport.EtcdExtension;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ClusterIP and NodePort allocation: unique, released on delete, and remembered across restarts. */
class ServicesIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    /** A small range so that exhaustion and reuse are easy to reach. */
    private static final UnaryOperator<ApiServer.Config> SMALL = c -> c.withEtcdPrefix("/services-test")
            .withServiceRanges("10.100.0.0/27", 30000, 30009);

    static String service(String name, String type, String extra) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"type\":\"" + type
                + "\",\"selector\":{\"app\":\"x\"},\"ports\":[{\"port\":80,\"targetPort\":8080" + extra + "}]}}";
    }

    @Test
    void servicesGetDistinctAddressesAndPortsThatSurviveARestart() {
        Set<String> ips = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        try (TestServer api = new TestServer(etcd, SMALL)) {
            for (int i = 0; i < 5; i++) {
                JsonNode svc = api.post("/api/v1/namespaces/default/services", service("np" + i, "NodePort", "")).json();
                String ip = svc.path("spec").path("clusterIP").asText();
                assertTrue(ip.startsWith("10.100.0.") && !ip.equals("10.100.0.0") && !ip.equals("10.100.0.1"), ip);
                assertEquals(ip, svc.path("spec").path("clusterIPs").get(0).asText());
                assertTrue(ips.add(ip), "duplicate " + ip);
                int port = svc.path("spec").path("ports").get(0).path("nodePort").asInt();
                assertTrue(port >= 30000 && port <= 30009, "port " + port);
                assertTrue(ports.add(port), "duplicate " + port);
            }
        }
        try (TestServer api = new TestServer(etcd, SMALL)) {
            for (int i = 5; i < 10; i++) {
                JsonNode svc = api.post("/api/v1/namespaces/default/services", service("np" + i, "NodePort", "")).json();
                assertTrue(ips.add(svc.path("spec").path("clusterIP").asText()), "duplicate after restart");
                assertTrue(ports.add(svc.path("spec").path("ports").get(0).path("nodePort").asInt()), "duplicate port after restart");
            }
            TestServer.Response full = api.post("/api/v1/namespaces/default/services", service("np-full", "NodePort", ""));
            assertEquals(422, full.code(), full.body());
            int freed = api.get("/api/v1/namespaces/default/services/np3").json().path("spec").path("ports").get(0)
                    .path("nodePort").asInt();
            assertEquals(200, api.delete("/api/v1/namespaces/default/services/np3").code());
            JsonNode reused = api.post("/api/v1/namespaces/default/services", service("np-again", "NodePort", "")).json();
            assertEquals(freed, reused.path("spec").path("ports").get(0).path("nodePort").asInt());
        }
    }

    @Test
    void requestedValuesAreHonouredOnceAndHeadlessServicesGetNoAddress() {
        try (TestServer api = new TestServer(etcd, c -> c.withEtcdPrefix("/services-requested"))) {
            String fixed = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"fixed\"},\"spec\":{\"clusterIP\":\"10.96.5.5\","
                    + "\"ports\":[{\"port\":80}]}}";
            assertEquals("10.96.5.5", api.post("/api/v1/namespaces/default/services", fixed).json().path("spec").path("clusterIP").asText());
            TestServer.Response taken = api.post("/api/v1/namespaces/default/services", fixed.replace("\"fixed\"", "\"fixed2\""));
            assertEquals(422, taken.code());
            assertTrue(taken.json().path("message").asText().contains("provided IP is already allocated"), taken.body());

            String headless = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"headless\"},\"spec\":{\"clusterIP\":\"None\","
                    + "\"ports\":[{\"port\":80}]}}";
            assertEquals("None", api.post("/api/v1/namespaces/default/services", headless).json().path("spec").path("clusterIP").asText());

            JsonNode clusterIp = api.post("/api/v1/namespaces/default/services", service("plain", "ClusterIP", "")).json();
            assertTrue(clusterIp.path("spec").path("ports").get(0).path("nodePort").isMissingNode());
            assertFalse(clusterIp.path("spec").path("clusterIP").asText().isEmpty());

            JsonNode np = api.post("/api/v1/namespaces/default/services", service("np-fixed", "NodePort", ",\"nodePort\":31234")).json();
            assertEquals(31234, np.path("spec").path("ports").get(0).path("nodePort").asInt());
            TestServer.Response outOfRange = api.post("/api/v1/namespaces/default/services", service("np-bad", "NodePort", ",\"nodePort\":80"));
            assertEquals(422, outOfRange.code());
            // An apply that leaves nodePort out keeps the allocated one.
            JsonNode kept = api.patch("/api/v1/namespaces/default/services/np-fixed",
                    "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", "application/merge-patch+json").json();
            assertEquals(31234, kept.path("spec").path("ports").get(0).path("nodePort").asInt());
        }
    }

    /**
     * Node ports taken by an update that is not stored — refused by validation, a dry run — are given back, and
     * a refused update that would have dropped node ports does not free them while the Service still holds them.
     * The range has ten ports, so twelve leaked allocations would exhaust it.
     */
    @Test
    void updatesThatAreNotStoredNeitherTakeNorFreeNodePorts() {
        try (TestServer api = new TestServer(etcd, c -> c.withEtcdPrefix("/services-leak").withServiceRanges("10.101.0.0/24", 30000, 30009))) {
            String base = "/api/v1/namespaces/default/services";
            assertEquals(201, api.post(base, service("plain", "ClusterIP", "")).code());
            for (int i = 0; i < 12; i++) {
                TestServer.Response invalid = api.patch(base + "/plain",
                        "{\"spec\":{\"type\":\"NodePort\",\"sessionAffinity\":\"Sometimes\"}}", "application/merge-patch+json");
                assertEquals(422, invalid.code(), invalid.body());
                TestServer.Response dryRun = api.patch(base + "/plain?dryRun=All",
                        "{\"spec\":{\"type\":\"NodePort\"}}", "application/merge-patch+json");
                assertEquals(200, dryRun.code(), dryRun.body());
                assertTrue(dryRun.json().path("spec").path("ports").get(0).path("nodePort").asInt() >= 30000, dryRun.body());
            }
            assertTrue(api.get(base + "/plain").json().path("spec").path("ports").get(0).path("nodePort").isMissingNode());

            assertEquals(201, api.post(base, service("holder", "NodePort", ",\"nodePort\":30005")).code());
            TestServer.Response refused = api.patch(base + "/holder",
                    "{\"spec\":{\"type\":\"ClusterIP\",\"sessionAffinity\":\"Sometimes\"}}", "application/merge-patch+json");
            assertEquals(422, refused.code(), refused.body());
            TestServer.Response taken = api.post(base, service("thief", "NodePort", ",\"nodePort\":30005"));
            assertEquals(422, taken.code(), "30005 is still holder's: " + taken.body());

            // The nine ports left are all free to take.
            for (int i = 0; i < 9; i++) {
                TestServer.Response created = api.post(base, service("np" + i, "NodePort", ""));
                assertEquals(201, created.code(), "service " + i + ": " + created.body());
            }
        }
    }

    @Test
    void aNodePortServiceTurnedClusterIpFreesItsPortAndBackAgainGetsOne() {
        try (TestServer api = new TestServer(etcd, c -> c.withEtcdPrefix("/services-switch").withServiceRanges("10.102.0.0/24", 30000, 30000))) {
            String base = "/api/v1/namespaces/default/services";
            assertEquals(201, api.post(base, service("a", "NodePort", "")).code());
            TestServer.Response toClusterIp = api.patch(base + "/a", "{\"spec\":{\"type\":\"ClusterIP\",\"externalTrafficPolicy\":null,"
                    + "\"ports\":[{\"port\":80,\"targetPort\":8080,\"nodePort\":null}]}}", "application/merge-patch+json");
            assertEquals(200, toClusterIp.code(), toClusterIp.body());
            assertTrue(toClusterIp.json().path("spec").path("ports").get(0).path("nodePort").isMissingNode(), toClusterIp.body());
            assertEquals(201, api.post(base, service("b", "NodePort", "")).code(), "the one port is free again");
            TestServer.Response back = api.patch(base + "/a", "{\"spec\":{\"type\":\"NodePort\"}}", "application/merge-patch+json");
            assertEquals(422, back.code(), "the range is full: " + back.body());
        }
    }

    /**
     * Concurrent updates that each turn the same Service into a NodePort one: every attempt on the ClusterIP
     * version takes a port, the losers of the compare-and-swap retry on the NodePort version and keep its port,
     * so exactly one port stays taken.
     */
    @Test
    void racingUpdatesLeaveExactlyOneNodePortTaken() throws Exception {
        try (TestServer api = new TestServer(etcd, c -> c.withEtcdPrefix("/services-race").withServiceRanges("10.103.0.0/24", 30000, 30009))) {
            String base = "/api/v1/namespaces/default/services";
            assertEquals(201, api.post(base, service("racy", "ClusterIP", "")).code());
            int writers = 8;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<TestServer.Response>> results = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String label = "w" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return api.patch(base + "/racy", "{\"metadata\":{\"labels\":{\"" + label + "\":\"x\"}},"
                            + "\"spec\":{\"type\":\"NodePort\"}}", "application/merge-patch+json");
                }));
            }
            start.countDown();
            Set<Integer> ports = new HashSet<>();
            for (var result : results) {
                TestServer.Response response = result.get();
                assertEquals(200, response.code(), response.body());
                ports.add(response.json().path("spec").path("ports").get(0).path("nodePort").asInt());
            }
            pool.shutdown();
            JsonNode racy = api.get(base + "/racy").json();
            assertEquals(writers, racy.path("metadata").path("labels").size(), racy.toString());
            assertEquals(Set.of(racy.path("spec").path("ports").get(0).path("nodePort").asInt()), ports);
            for (int i = 0; i < 9; i++) {
                TestServer.Response created = api.post(base, service("other" + i, "NodePort", ""));
                assertEquals(201, created.code(), "service " + i + ": " + created.body());
            }
            assertEquals(422, api.post(base, service("one-too-many", "NodePort", "")).code());
        }
    }
}
