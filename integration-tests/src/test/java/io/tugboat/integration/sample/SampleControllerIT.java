package io.tugboat.integration.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sample controller end to end: real etcd, real API server, informer, work queue, ControllerRunner. */
class SampleControllerIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static ConfigMap configMap(String name, Map<String, String> annotations, Map<String, String> data) {
        return ConfigMap.of(new ObjectMeta(name, null, "default", null, null, null, null, null, null, null, null,
                annotations, null, null), data, null, null);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(20), condition);
    }

    @Test
    void mirrorsFollowTheirSourceThroughChangesAndDeletion() throws Exception {
        try (ApiServer server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)).withPlainHttpOnly().start()) {
            ApiClient client = ApiClient.builder("http://127.0.0.1:" + server.port()).rateLimit(100, 200).build();
            ResourceClient<ConfigMap> configMaps = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
            configMaps.create(configMap("source", null, Map.of("greeting", "hello")));
            configMaps.create(configMap("mirror", Map.of(ConfigMapMirrorController.SOURCE_ANNOTATION, "source"), Map.of()));

            SharedInformerFactory factory = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
            SharedInformer<ConfigMap> informer = factory.informerFor(ResourceKinds.CONFIG_MAPS);
            informer.addIndexers(ConfigMapMirrorController.indexers());
            ConfigMapMirrorController controller = new ConfigMapMirrorController(informer.lister(),
                    client.resources(ResourceKinds.CONFIG_MAPS));
            ControllerRunner runner = ControllerRunner.builder("configmap-mirror", controller)
                    .watches(informer::hasSynced, enqueue -> informer.addEventHandler(
                            ConfigMapMirrorController.handler(informer, enqueue)))
                    .workers(2)
                    .build();
            factory.start();
            runner.start();
            try {
                eventually("the mirror copies the source", () -> data(configMaps, "mirror").equals(Map.of("greeting", "hello")));

                configMaps.patch("source", ResourceClient.PatchType.MERGE, "{\"data\":{\"greeting\":\"bonjour\",\"extra\":\"1\"}}");
                eventually("the mirror follows a change", () -> data(configMaps, "mirror").equals(Map.of("greeting", "bonjour", "extra", "1")));

                configMaps.patch("mirror", ResourceClient.PatchType.MERGE, "{\"data\":{\"tampered\":\"yes\"}}");
                eventually("a change to the mirror itself is undone",
                        () -> data(configMaps, "mirror").equals(Map.of("greeting", "bonjour", "extra", "1")));

                configMaps.delete("source");
                eventually("a mirror of a deleted source is emptied", () -> data(configMaps, "mirror").isEmpty());
                assertTrue(runner.stats().reconciles() > 0);
            } finally {
                runner.stop();
                factory.stop();
            }
            assertEquals(Map.of(), data(configMaps, "mirror"));
        }
    }

    private static Map<String, String> data(ResourceClient<ConfigMap> configMaps, String name) {
        try {
            Map<String, String> data = configMaps.get(name).data();
            return data == null ? Map.of() : data;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
