package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DefaultStorageClass admission on a real server: class-less claims get the class marked as default. */
class DefaultStorageClassIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static String claim(String name, String classField) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{" + classField + "\"accessModes\":[\"ReadWriteOnce\"],"
                + "\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}";
    }

    static String storageClass(String name, boolean isDefault) {
        return "{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":\"StorageClass\",\"metadata\":{\"name\":\"" + name + "\""
                + (isDefault ? ",\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"}" : "")
                + "},\"provisioner\":\"tugboat.io/host-path\"}";
    }

    @Test
    void claimsWithoutAClassGetTheDefaultOnceThereIsOne() {
        try (TestServer api = new TestServer(etcd, c -> c.withEtcdPrefix("/default-sc-test"))) {
            String claims = "/api/v1/namespaces/default/persistentvolumeclaims";
            JsonNode before = api.post(claims, claim("early", "")).json();
            assertFalse(before.path("spec").has("storageClassName"), before.toString());

            assertEquals(201, api.post("/apis/storage.k8s.io/v1/storageclasses", storageClass("plain", false)).code());
            assertEquals(201, api.post("/apis/storage.k8s.io/v1/storageclasses", storageClass("host-path", true)).code());

            // admission reads the classes from the watch cache, which follows etcd a moment behind: wait for it
            // with dry-run creates, as a user retrying would
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!api.post(claims + "?dryRun=All", claim("probe", "")).json().path("spec").has("storageClassName")) {
                assertTrue(System.nanoTime() < deadline, "the default class never reached admission");
                Thread.onSpinWait();
            }
            JsonNode defaulted = api.post(claims, claim("data", "")).json();
            assertEquals("host-path", defaulted.path("spec").path("storageClassName").asText(), defaulted.toString());
            JsonNode explicit = api.post(claims, claim("mine", "\"storageClassName\":\"plain\",")).json();
            assertEquals("plain", explicit.path("spec").path("storageClassName").asText());
            JsonNode none = api.post(claims, claim("static", "\"storageClassName\":\"\",")).json();
            assertEquals("", none.path("spec").path("storageClassName").asText("missing"), none.toString());

            // kubectl get sc reads the server's table: the default class's name carries "(default)"
            TestServer.Response table = api.send("GET", "/apis/storage.k8s.io/v1/storageclasses", null, null,
                    "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
            assertTrue(table.body().contains("host-path (default)"), table.body());
        }
    }
}
