package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, read, update, delete and list over real HTTP, a real API server and a real etcd. */
class ResourceCrudIT {
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

    static String pod(String name, String labels) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels + "}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"tugboat/busybox:1\"}]}}";
    }

    static String configMap(String name, String data) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{" + data + "}}";
    }

    @Test
    void systemNamespacesExistAtStart() {
        JsonNode list = api.get("/api/v1/namespaces").json();
        Set<String> names = new HashSet<>();
        list.get("items").forEach(ns -> names.add(ns.path("metadata").path("name").asText()));
        assertTrue(names.containsAll(List.of("default", "kube-system", "kube-public", "kube-node-lease")), names.toString());
    }

    @Test
    void createSetsServerFieldsAndGetReturnsTheSameObject() {
        TestServer.Response created = api.post("/api/v1/namespaces/default/pods", pod("crud-a", "\"app\":\"a\""));
        assertEquals(201, created.code(), created.body());
        JsonNode meta = created.json().get("metadata");
        assertFalse(meta.path("uid").asText().isEmpty());
        assertFalse(meta.path("creationTimestamp").asText().isEmpty());
        assertEquals(1, meta.path("generation").asInt());
        assertEquals("default", meta.path("namespace").asText());
        assertEquals("Pending", created.json().path("status").path("phase").asText());
        TestServer.Response got = api.get("/api/v1/namespaces/default/pods/crud-a");
        assertEquals(200, got.code());
        assertEquals(created.json(), got.json());
    }

    @Test
    void duplicateCreateIsAlreadyExists() {
        api.post("/api/v1/namespaces/default/configmaps", configMap("dup", "\"a\":\"1\""));
        TestServer.Response again = api.post("/api/v1/namespaces/default/configmaps", configMap("dup", "\"a\":\"1\""));
        assertEquals(409, again.code());
        assertEquals("Status", again.json().path("kind").asText());
        assertEquals("AlreadyExists", again.json().path("reason").asText());
        assertEquals("configmaps \"dup\" already exists", again.json().path("message").asText());
    }

    @Test
    void missingObjectIsNotFoundStatus() {
        TestServer.Response missing = api.get("/api/v1/namespaces/default/pods/nope");
        assertEquals(404, missing.code());
        assertEquals("NotFound", missing.json().path("reason").asText());
        assertEquals("pods \"nope\" not found", missing.json().path("message").asText());
        assertEquals("pods", missing.json().path("details").path("kind").asText());
    }

    @Test
    void creatingInAMissingNamespaceIsNotFound() {
        TestServer.Response response = api.post("/api/v1/namespaces/ghost/configmaps", configMap("x", ""));
        assertEquals(404, response.code(), response.body());
        assertEquals("namespaces \"ghost\" not found", response.json().path("message").asText());
    }

    @Test
    void generateNameProducesAUniqueName() {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"gen-\"}}";
        String a = api.post("/api/v1/namespaces/default/configmaps", body).json().path("metadata").path("name").asText();
        String b = api.post("/api/v1/namespaces/default/configmaps", body).json().path("metadata").path("name").asText();
        assertTrue(a.startsWith("gen-") && a.length() == 9, a);
        assertNotEquals(a, b);
    }

    @Test
    void updateWithAStaleResourceVersionIsAConflict() {
        JsonNode created = api.post("/api/v1/namespaces/default/configmaps", configMap("stale", "\"a\":\"1\"")).json();
        String rv = created.path("metadata").path("resourceVersion").asText();
        String update = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"stale\",\"resourceVersion\":\""
                + rv + "\"},\"data\":{\"a\":\"2\"}}";
        assertEquals(200, api.put("/api/v1/namespaces/default/configmaps/stale", update).code());
        TestServer.Response conflict = api.put("/api/v1/namespaces/default/configmaps/stale", update);
        assertEquals(409, conflict.code());
        assertEquals("Conflict", conflict.json().path("reason").asText());
        assertTrue(conflict.json().path("message").asText().contains("the object has been modified"));
    }

    @Test
    void generationCountsSpecChangesOnly() {
        String deployment = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"gen"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"gen"}},
                 "template":{"metadata":{"labels":{"app":"gen"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}}}""";
        assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", deployment).code());
        String path = "/apis/apps/v1/namespaces/default/deployments/gen";
        JsonNode labelled = api.patch(path, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}", "application/merge-patch+json").json();
        assertEquals(1, labelled.path("metadata").path("generation").asInt());
        JsonNode statusChanged = api.patch(path + "/status", "{\"status\":{\"replicas\":1}}", "application/merge-patch+json").json();
        assertEquals(1, statusChanged.path("metadata").path("generation").asInt());
        assertEquals(1, statusChanged.path("status").path("replicas").asInt());
        JsonNode scaled = api.patch(path, "{\"spec\":{\"replicas\":3}}", "application/merge-patch+json").json();
        assertEquals(2, scaled.path("metadata").path("generation").asInt());
        assertEquals(1, scaled.path("status").path("replicas").asInt(), "main resource must keep the status");
    }

    @Test
    void mainResourceIgnoresStatusAndStatusSubresourceIgnoresSpec() {
        api.post("/api/v1/namespaces/default/pods", pod("status-split", ""));
        String path = "/api/v1/namespaces/default/pods/status-split";
        JsonNode main = api.patch(path, "{\"status\":{\"phase\":\"Running\"}}", "application/merge-patch+json").json();
        assertEquals("Pending", main.path("status").path("phase").asText());
        JsonNode status = api.patch(path + "/status", "{\"status\":{\"phase\":\"Running\"},\"spec\":{\"nodeName\":\"x\"}}",
                "application/merge-patch+json").json();
        assertEquals("Running", status.path("status").path("phase").asText());
        assertTrue(status.path("spec").path("nodeName").isMissingNode());
    }

    @Test
    void bindingAssignsANodeOnce() {
        api.post("/api/v1/namespaces/default/pods", pod("bind-me", ""));
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"bind-me\"},"
                + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"node-1\"}}";
        assertEquals(201, api.post("/api/v1/namespaces/default/pods/bind-me/binding", binding).code());
        JsonNode pod = api.get("/api/v1/namespaces/default/pods/bind-me").json();
        assertEquals("node-1", pod.path("spec").path("nodeName").asText());
        assertEquals("PodScheduled", pod.path("status").path("conditions").get(0).path("type").asText());
        TestServer.Response again = api.post("/api/v1/namespaces/default/pods/bind-me/binding", binding);
        assertEquals(409, again.code());
    }

    @Test
    void scaleSubresourceReadsAndWritesReplicas() {
        String rs = """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"scaled"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"s"}},
                 "template":{"metadata":{"labels":{"app":"s"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}}}""";
        api.post("/apis/apps/v1/namespaces/default/replicasets", rs);
        String path = "/apis/apps/v1/namespaces/default/replicasets/scaled/scale";
        JsonNode scale = api.get(path).json();
        assertEquals("Scale", scale.path("kind").asText());
        assertEquals("autoscaling/v1", scale.path("apiVersion").asText());
        assertEquals(1, scale.path("spec").path("replicas").asInt());
        assertEquals("app=s", scale.path("status").path("selector").asText());
        JsonNode patched = api.patch(path, "{\"spec\":{\"replicas\":3}}", "application/merge-patch+json").json();
        assertEquals(3, patched.path("spec").path("replicas").asInt());
        assertEquals(3, api.get("/apis/apps/v1/namespaces/default/replicasets/scaled").json().path("spec").path("replicas").asInt());
    }

    @Test
    void finalizersKeepADeletedObjectUntilTheyAreRemoved() {
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"fin\",\"finalizers\":[\"example.com/x\"]}}";
        api.post("/api/v1/namespaces/default/configmaps", cm);
        TestServer.Response deleted = api.delete("/api/v1/namespaces/default/configmaps/fin");
        assertEquals(202, deleted.code(), deleted.body());
        JsonNode still = api.get("/api/v1/namespaces/default/configmaps/fin").json();
        assertFalse(still.path("metadata").path("deletionTimestamp").asText().isEmpty());
        TestServer.Response cleared = api.patch("/api/v1/namespaces/default/configmaps/fin",
                "{\"metadata\":{\"finalizers\":null}}", "application/merge-patch+json");
        assertEquals(200, cleared.code(), cleared.body());
        assertEquals(404, api.get("/api/v1/namespaces/default/configmaps/fin").code());
    }

    @Test
    void aScheduledPodIsDeletedGracefullyAndAnUnscheduledOneAtOnce() {
        api.post("/api/v1/namespaces/default/pods", pod("unscheduled", ""));
        assertEquals(200, api.delete("/api/v1/namespaces/default/pods/unscheduled").code());
        assertEquals(404, api.get("/api/v1/namespaces/default/pods/unscheduled").code());

        String running = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"graceful\"},\"spec\":{\"nodeName\":\"n1\","
                + "\"terminationGracePeriodSeconds\":20,\"containers\":[{\"name\":\"c\",\"image\":\"i:1\"}]}}";
        api.post("/api/v1/namespaces/default/pods", running);
        TestServer.Response marked = api.delete("/api/v1/namespaces/default/pods/graceful");
        assertEquals(202, marked.code());
        assertEquals(20, marked.json().path("metadata").path("deletionGracePeriodSeconds").asInt());
        TestServer.Response now = api.send("DELETE", "/api/v1/namespaces/default/pods/graceful",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0}", "application/json");
        assertEquals(200, now.code(), now.body());
        assertEquals(404, api.get("/api/v1/namespaces/default/pods/graceful").code());
    }

    @Test
    void deletePreconditionOnUidIsAConflict() {
        api.post("/api/v1/namespaces/default/configmaps", configMap("precond", ""));
        TestServer.Response response = api.send("DELETE", "/api/v1/namespaces/default/configmaps/precond",
                "{\"preconditions\":{\"uid\":\"not-the-uid\"}}", "application/json");
        assertEquals(409, response.code());
        assertTrue(response.json().path("message").asText().contains("Precondition failed: UID in precondition"));
    }

    @Test
    void listsFilterByLabelAndFieldAndPageWithContinue() {
        for (int i = 0; i < 7; i++) {
            api.post("/api/v1/namespaces/default/pods", pod("page-" + i, "\"tier\":\"" + (i % 2 == 0 ? "even" : "odd") + "\""));
        }
        JsonNode even = api.get("/api/v1/namespaces/default/pods?labelSelector=tier%3Deven").json();
        assertEquals(4, even.get("items").size());
        assertEquals("PodList", even.path("kind").asText());
        JsonNode notIn = api.get("/api/v1/pods?labelSelector=tier%20notin%20(even),tier").json();
        assertEquals(3, notIn.get("items").size());
        JsonNode byName = api.get("/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dpage-3").json();
        assertEquals(1, byName.get("items").size());

        List<String> names = new ArrayList<>();
        String cont = null;
        int pages = 0;
        do {
            String query = "?labelSelector=tier&limit=3" + (cont == null ? "" : "&continue=" + cont);
            JsonNode page = api.get("/api/v1/namespaces/default/pods" + query).json();
            page.get("items").forEach(p -> names.add(p.path("metadata").path("name").asText()));
            cont = page.path("metadata").path("continue").asText(null);
            pages++;
        } while (cont != null && !cont.isEmpty());
        assertEquals(List.of("page-0", "page-1", "page-2", "page-3", "page-4", "page-5", "page-6"), names);
        assertEquals(3, pages);
    }

    @Test
    void unsupportedFieldLabelIsABadRequest() {
        TestServer.Response response = api.get("/api/v1/namespaces/default/configmaps?fieldSelector=spec.foo%3Dbar");
        assertEquals(400, response.code());
        assertEquals("field label not supported: spec.foo", response.json().path("message").asText());
    }

    @Test
    void podFieldSelectorsMatchNodeAndPhase() {
        String onNode = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"on-n7\"},\"spec\":{\"nodeName\":\"n7\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i:1\"}]}}";
        api.post("/api/v1/namespaces/default/pods", onNode);
        JsonNode list = api.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dn7,status.phase%3DPending").json();
        assertEquals(1, list.get("items").size());
        assertEquals(0, api.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dn8").json().get("items").size());
    }

    @Test
    void yamlBodiesAreAccepted() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  key: value\n";
        TestServer.Response response = api.send("POST", "/api/v1/namespaces/default/configmaps", yaml, "application/yaml");
        assertEquals(201, response.code(), response.body());
        assertEquals("value", response.json().path("data").path("key").asText());
    }

    @Test
    void unknownFieldsWarnByDefaultAndFailWhenStrict() {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"warned\"},\"bogus\":1}";
        TestServer.Response warned = api.post("/api/v1/namespaces/default/configmaps", body);
        assertEquals(201, warned.code());
        assertEquals(List.of("299 - \"unknown field \\\"bogus\\\"\""), warned.headers("warning"));
        TestServer.Response strict = api.post("/api/v1/namespaces/default/configmaps?fieldValidation=Strict",
                body.replace("warned", "strict"));
        assertEquals(400, strict.code());
        assertEquals("strict decoding error: unknown field \"bogus\"", strict.json().path("message").asText());
    }

    @Test
    void kubernetesFieldsTugboatIgnoresAreOnlyWarnedEvenWhenStrict() {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"sc\"},\"spec\":{\"securityContext\":{},"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i:1\"}]}}";
        TestServer.Response response = api.post("/api/v1/namespaces/default/pods?fieldValidation=Strict", body);
        assertEquals(201, response.code(), response.body());
        assertEquals(1, response.headers("warning").size());
    }

    @Test
    void tablesHaveKubernetesColumnsAndObjectMetadata() {
        api.post("/api/v1/namespaces/default/pods", pod("tabled", ""));
        TestServer.Response table = api.send("GET", "/api/v1/namespaces/default/pods", null, null,
                "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertEquals("Table", table.json().path("kind").asText(), table.body());
        List<String> columns = new ArrayList<>();
        table.json().get("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertEquals(List.of("Name", "Ready", "Status", "Restarts", "Age"), columns.subList(0, 5));
        assertTrue(table.json().get("rows").get(0).path("object").path("metadata").has("name"));
    }

    @Test
    void discoveryListsResourcesWithShortNamesAndSubresources() {
        JsonNode core = api.get("/api/v1").json();
        List<String> names = new ArrayList<>();
        core.get("resources").forEach(r -> names.add(r.path("name").asText()));
        assertTrue(names.containsAll(List.of("pods", "pods/status", "pods/binding", "pods/log", "nodes", "services")), names.toString());
        JsonNode apps = api.get("/apis/apps/v1").json();
        boolean scale = false;
        for (JsonNode r : apps.get("resources")) {
            if (r.path("name").asText().equals("deployments/scale")) {
                scale = r.path("group").asText().equals("autoscaling") && r.path("kind").asText().equals("Scale");
            }
        }
        assertTrue(scale);
        assertEquals(200, api.get("/apis").code());
        assertEquals("1", api.get("/version").json().path("major").asText());
    }

    @Test
    void deleteCollectionRemovesWhatTheSelectorMatches() {
        for (String name : List.of("dc-1", "dc-2", "dc-keep")) {
            api.post("/api/v1/namespaces/default/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                    + name + "\",\"labels\":{\"group\":\"" + (name.equals("dc-keep") ? "keep" : "drop") + "\"}}}");
        }
        TestServer.Response deleted = api.delete("/api/v1/namespaces/default/configmaps?labelSelector=group%3Ddrop");
        assertEquals(200, deleted.code(), deleted.body());
        assertEquals(2, deleted.json().get("items").size());
        assertEquals(404, api.get("/api/v1/namespaces/default/configmaps/dc-1").code());
        assertEquals(200, api.get("/api/v1/namespaces/default/configmaps/dc-keep").code());
    }

    @Test
    void theLegacyWatchPathWatchesOneObjectByName() {
        String rv = api.post("/api/v1/namespaces/default/configmaps", configMap("legacy", "\"a\":\"1\"")).json()
                .path("metadata").path("resourceVersion").asText();
        api.post("/api/v1/namespaces/default/configmaps", configMap("legacy-other", "\"a\":\"1\""));
        try (TestServer.Watch watch = api.watch("/api/v1/watch/namespaces/default/configmaps/legacy?resourceVersion=" + rv)) {
            api.patch("/api/v1/namespaces/default/configmaps/legacy-other", "{\"data\":{\"a\":\"2\"}}", "application/merge-patch+json");
            api.patch("/api/v1/namespaces/default/configmaps/legacy", "{\"data\":{\"a\":\"2\"}}", "application/merge-patch+json");
            JsonNode event = watch.next();
            assertEquals("MODIFIED", event.path("type").asText());
            assertEquals("legacy", event.path("object").path("metadata").path("name").asText());
        }
    }

    @Test
    void watchEventsAreTablesWhenTablesAreAsked() {
        String rv = api.post("/api/v1/namespaces/default/configmaps", configMap("tw", "")).json()
                .path("metadata").path("resourceVersion").asText();
        TestServer.Watch watch = api.new Watch("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + rv,
                "application/json;as=Table;v=v1;g=meta.k8s.io");
        try (watch) {
            api.patch("/api/v1/namespaces/default/configmaps/tw", "{\"data\":{\"a\":\"2\"}}", "application/merge-patch+json");
            JsonNode event = watch.next();
            assertEquals("Table", event.path("object").path("kind").asText(), event.toString());
            assertEquals("tw", event.path("object").path("rows").get(0).path("cells").get(0).asText());
        }
    }
}
