package io.tugboat.integration.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiException;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.client.testing.Listers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample controller's reconcile as a pure unit test: the cache is filled by hand, the client is an in-memory
 * fake that records what the controller wrote. No server, no threads.
 */
class ConfigMapMirrorControllerTest {

    static ConfigMap cm(String name, String source, Map<String, String> data, String resourceVersion) {
        return ConfigMap.of(new ObjectMeta(name, null, "default", null, null, resourceVersion, null, null, null, null, null,
                source == null ? null : Map.of(ConfigMapMirrorController.SOURCE_ANNOTATION, source), null, null), data, null, null);
    }

    @Test
    void aStaleMirrorIsUpdatedToTheSourcesData() throws Exception {
        FakeObjectClient<ConfigMap> client = new FakeObjectClient<>(ResourceKinds.CONFIG_MAPS);
        ConfigMap source = cm("source", null, Map.of("k", "new"), null);
        ConfigMap mirror = cm("mirror", "source", Map.of("k", "old"), null);
        client.seed(source, mirror);
        Lister<ConfigMap> cache = Listers.of(client.objects().toArray(ConfigMap[]::new));

        new ConfigMapMirrorController(cache, client).reconcile("default/mirror");

        assertEquals(List.of("update default/mirror"), client.writes());
        assertEquals(Map.of("k", "new"), client.inNamespace("default").get("mirror").data());
    }

    @Test
    void anUpToDateMirrorCostsNoWrite() throws Exception {
        FakeObjectClient<ConfigMap> client = new FakeObjectClient<>(ResourceKinds.CONFIG_MAPS);
        client.seed(cm("source", null, Map.of("k", "v"), null), cm("mirror", "source", Map.of("k", "v"), null));
        new ConfigMapMirrorController(Listers.of(client.objects().toArray(ConfigMap[]::new)), client).reconcile("default/mirror");
        assertEquals(List.of(), client.writes());
    }

    @Test
    void aDeletedMirrorIsNothingToDo() throws Exception {
        FakeObjectClient<ConfigMap> client = new FakeObjectClient<>(ResourceKinds.CONFIG_MAPS);
        new ConfigMapMirrorController(Listers.of(), client).reconcile("default/gone");
        assertEquals(List.of(), client.actionNames());
    }

    @Test
    void aStaleCacheMeetsAConflictThatTheRunnerWillRetry() {
        FakeObjectClient<ConfigMap> client = new FakeObjectClient<>(ResourceKinds.CONFIG_MAPS);
        client.seed(cm("source", null, Map.of("k", "v"), null), cm("mirror", "source", Map.of(), null));
        // The cache still holds an older version of the mirror than the server.
        ConfigMap stale = client.objects().get(0).withMetadata(client.objects().get(0).metadata().withResourceVersion("1"));
        Lister<ConfigMap> cache = Listers.of(stale, client.objects().get(1));
        assertThrows(ApiException.ConflictException.class,
                () -> new ConfigMapMirrorController(cache, client).reconcile("default/mirror"));
    }
}
