package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deleting a namespace: it turns Terminating, refuses new content, and goes once its finalizer is removed. */
class NamespaceLifecycleIT {
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
    void aDeletedNamespaceTerminatesRefusesContentAndGoesWhenFinalized() {
        JsonNode created = api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"doomed\"}}").json();
        assertEquals("kubernetes", created.path("spec").path("finalizers").get(0).asText(), created.toString());
        assertEquals("Active", created.path("status").path("phase").asText());

        TestServer.Response deleted = api.delete("/api/v1/namespaces/doomed");
        assertEquals(202, deleted.code(), deleted.body());
        assertEquals("Terminating", api.get("/api/v1/namespaces/doomed").json().path("status").path("phase").asText());

        TestServer.Response refused = api.post("/api/v1/namespaces/doomed/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\"}}");
        assertEquals(403, refused.code());
        assertEquals("configmaps \"late\" is forbidden: unable to create new content in namespace doomed because it is being terminated",
                refused.json().path("message").asText());

        TestServer.Response finalized = api.put("/api/v1/namespaces/doomed/finalize",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"doomed\"},\"spec\":{\"finalizers\":[]}}");
        assertEquals(200, finalized.code(), finalized.body());
        assertEquals(404, api.get("/api/v1/namespaces/doomed").code());
    }

    @Test
    void anUpdateCannotChangeSpecFinalizersOutsideFinalize() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"keep\"}}");
        JsonNode patched = api.patch("/api/v1/namespaces/keep", "{\"spec\":{\"finalizers\":[]}}", "application/merge-patch+json").json();
        assertTrue(patched.path("spec").path("finalizers").size() == 1, patched.toString());
    }
}
