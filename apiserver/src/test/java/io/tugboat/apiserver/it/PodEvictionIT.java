package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pods/{name}/eviction} (policy/v1 Eviction): announced in {@code /api/v1} discovery the way kubectl
 * looks for it, deletes the pod with the Eviction's deleteOptions, refuses bad bodies with 4xx, and carries
 * the real {@code kubectl drain}, which evicts only when discovery announces the subresource.
 */
class PodEvictionIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestServer api;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        api = new TestServer(etcd);
        api.post("/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"evict-node\"}}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String pod(String name, String namespace) {
        return pod(name, namespace, "evict-node");
    }

    /** A pod on {@code node} owned by a ReplicaSet (so kubectl drain does not need --force). */
    static String pod(String name, String namespace, String node) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace
                + "\",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"rs\","
                + "\"uid\":\"6a1b0c1e-0000-4000-8000-000000000001\",\"controller\":true}]},"
                + "\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"app\",\"image\":\"i:1\"}]}}";
    }

    static String eviction(String name, String deleteOptions) {
        return "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"default\"}" + (deleteOptions == null ? "" : ",\"deleteOptions\":" + deleteOptions) + "}";
    }

    static String evictionPath(String name) {
        return "/api/v1/namespaces/default/pods/" + name + "/eviction";
    }

    @Test
    void discoveryAnnouncesPodsEvictionAsKubectlLooksForIt() {
        JsonNode resources = api.get("/api/v1").json().path("resources");
        JsonNode found = null;
        for (JsonNode r : resources) {
            if (r.path("name").asText().equals("pods/eviction")) {
                found = r;
            }
        }
        assertTrue(found != null, resources.toString());
        assertEquals("Eviction", found.path("kind").asText());
        assertEquals("policy", found.path("group").asText());
        assertEquals("v1", found.path("version").asText());
        assertEquals("[\"create\"]", found.path("verbs").toString());
        TestServer.Response openapi = api.get("/openapi/v3/api/v1");
        assertEquals(200, openapi.code(), openapi.body());
        assertTrue(openapi.json().path("paths").has("/api/v1/namespaces/{namespace}/pods/{name}/eviction"), "OpenAPI v3 of /api/v1");
        assertTrue(openapi.json().path("components").path("schemas").has("io.k8s.api.policy.v1.Eviction"), "Eviction schema");
    }

    @Test
    void anEvictionDeletesThePodWithItsDeleteOptions() {
        assertEquals(201, api.post("/api/v1/namespaces/default/pods", pod("graceful", "default")).code());
        TestServer.Response evicted = api.post(evictionPath("graceful"), eviction("graceful", "{\"gracePeriodSeconds\":7}"));
        assertEquals(201, evicted.code(), evicted.body());
        assertEquals("Status", evicted.json().path("kind").asText());
        assertEquals("Success", evicted.json().path("status").asText());
        // Running on a node with a grace period: marked for deletion with the Eviction's grace, not the default 30.
        JsonNode pod = api.get("/api/v1/namespaces/default/pods/graceful").json();
        assertEquals(7, pod.path("metadata").path("deletionGracePeriodSeconds").asInt(), pod.toString());
        assertFalse(pod.path("metadata").path("deletionTimestamp").isMissingNode(), pod.toString());

        assertEquals(201, api.post("/api/v1/namespaces/default/pods", pod("immediate", "default")).code());
        assertEquals(201, api.post(evictionPath("immediate"), eviction("immediate", "{\"gracePeriodSeconds\":0}")).code());
        assertEquals(404, api.get("/api/v1/namespaces/default/pods/immediate").code());
    }

    @Test
    void dryRunAndPreconditionsAreHonoured() {
        assertEquals(201, api.post("/api/v1/namespaces/default/pods", pod("kept", "default")).code());
        assertEquals(201, api.post(evictionPath("kept"), eviction("kept", "{\"gracePeriodSeconds\":0,\"dryRun\":[\"All\"]}")).code());
        assertEquals(201, api.post(evictionPath("kept") + "?dryRun=All", eviction("kept", "{\"gracePeriodSeconds\":0}")).code());
        assertEquals(200, api.get("/api/v1/namespaces/default/pods/kept").code());

        TestServer.Response conflict = api.post(evictionPath("kept"),
                eviction("kept", "{\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\"not-the-uid\"}}"));
        assertEquals(409, conflict.code(), conflict.body());
        assertEquals(200, api.get("/api/v1/namespaces/default/pods/kept").code());
    }

    @Test
    void badEvictionsAre4xx() {
        assertEquals(201, api.post("/api/v1/namespaces/default/pods", pod("target", "default")).code());
        TestServer.Response mismatch = api.post(evictionPath("target"), eviction("other", null));
        assertEquals(400, mismatch.code(), mismatch.body());
        assertEquals("name in URL does not match name in Eviction object", mismatch.json().path("message").asText());

        TestServer.Response wrongKind = api.post(evictionPath("target"),
                "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"target\"}}");
        assertEquals(400, wrongKind.code(), wrongKind.body());

        TestServer.Response missing = api.post(evictionPath("absent"), eviction("absent", null));
        assertEquals(404, missing.code(), missing.body());
        assertEquals("pods \"absent\" not found", missing.json().path("message").asText());

        assertEquals(405, api.get(evictionPath("target")).code());
        assertEquals(200, api.get("/api/v1/namespaces/default/pods/target").code());
    }

    @Test
    void theRealKubectlDrainEvicts() throws Exception {
        api.post("/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"drain-node\"}}");
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"drained\"}}");
        for (String name : List.of("a", "b")) {
            assertEquals(201, api.post("/api/v1/namespaces/drained/pods", pod(name, "drained", "drain-node")).code());
        }
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, io.tugboat.client.Kubeconfig.forServer(api.base));
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + dir.resolve("cache"), "--request-timeout=20s", "drain", "drain-node",
                "--grace-period=0", "--timeout=60s"));
        Path out = dir.resolve("drain.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        // kubectl prints "evicting pod" and "evicted" only on the eviction path; with DELETE it says "deleted".
        assertTrue(output.contains("evicting pod drained/a"), output);
        assertTrue(output.contains("pod/a evicted") && output.contains("pod/b evicted"), output);
        assertTrue(output.contains("node/drain-node drained"), output);
        assertEquals(0, api.get("/api/v1/namespaces/drained/pods").json().path("items").size());
        assertTrue(api.get("/api/v1/nodes/drain-node").json().path("spec").path("unschedulable").asBoolean());
    }
}
