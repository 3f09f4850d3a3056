package io.tugboat.integration;

import io.tugboat.testcluster.TestCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.WatchEvent;
import io.tugboat.client.WatchStream;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The typed client against a real API server: every verb, and every error as its typed exception. */
class ApiClientIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ApiClient client;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static ObjectMeta meta(String name) {
        return new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static ConfigMap configMap(String name, Map<String, String> data) {
        return ConfigMap.of(meta(name), data, null, null);
    }

    static Pod pod(String name) throws Exception {
        return io.tugboat.api.Codec.fromJson("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"tugboat/busybox:1\"}]}}", Pod.class).value();
    }

    @Test
    void createGetUpdateAndDeleteRoundTrip() throws Exception {
        ResourceClient<ConfigMap> cms = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
        ConfigMap created = cms.create(configMap("client-a", Map.of("k", "v1")));
        assertEquals("v1", cms.get("client-a").data().get("k"));
        ConfigMap updated = cms.update(created.withData(Map.of("k", "v2")));
        assertEquals("v2", updated.data().get("k"));
        ApiException.ConflictException conflict = assertThrows(ApiException.ConflictException.class,
                () -> cms.update(created.withData(Map.of("k", "stale"))));
        assertEquals(409, conflict.code());
        cms.delete("client-a");
        assertThrows(ApiException.NotFoundException.class, () -> cms.get("client-a"));
    }

    @Test
    void duplicateCreateIsAlreadyExists() throws Exception {
        ResourceClient<ConfigMap> cms = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
        cms.create(configMap("client-dup", Map.of()));
        ApiException e = assertThrows(ApiException.AlreadyExistsException.class, () -> cms.create(configMap("client-dup", Map.of())));
        assertEquals("AlreadyExists", e.reason());
    }

    @Test
    void listFollowsContinueTokens() throws Exception {
        ResourceClient<ConfigMap> cms = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
        for (int i = 0; i < 25; i++) {
            cms.create(ConfigMap.of(meta("paged-" + i).withLabels(Map.of("set", "paged")), Map.of(), null, null));
        }
        ObjectList<ConfigMap> all = cms.list(ListOptions.none().withLabelSelector("set=paged").withLimit(7L));
        assertEquals(25, all.items().size());
        assertTrue(Long.parseLong(all.metadata().resourceVersion()) > 0);
    }

    @Test
    void patchesOfEveryTypeApply() throws Exception {
        ResourceClient<ConfigMap> cms = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
        cms.create(configMap("patched", Map.of("a", "1")));
        assertEquals("2", cms.patch("patched", ResourceClient.PatchType.MERGE, "{\"data\":{\"a\":\"2\"}}").data().get("a"));
        assertEquals("3", cms.patch("patched", ResourceClient.PatchType.JSON,
                "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"3\"}]").data().get("a"));
        assertEquals("4", cms.patch("patched", ResourceClient.PatchType.STRATEGIC, "{\"data\":{\"a\":\"4\"}}").data().get("a"));
    }

    @Test
    void bindAndStatusUpdateWorkOnPods() throws Exception {
        ResourceClient<Pod> pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        pods.create(pod("client-pod"));
        pods.bind("client-pod", "node-x");
        Pod bound = pods.get("client-pod");
        assertEquals("node-x", bound.spec().nodeName());
        Pod running = pods.updateStatus(bound.withStatus(bound.status().withPhase("Running")));
        assertEquals("Running", running.status().phase());
        ResourceClient<Pod> everywhere = client.resources(ResourceKinds.PODS);
        assertTrue(everywhere.list(ListOptions.none().withFieldSelector("spec.nodeName=node-x")).items().size() >= 1);
    }

    @Test
    void scaleGoesThroughTheSubresource() throws Exception {
        ResourceClient<Deployment> deployments = client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default");
        String json = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"scaled"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"s"}},
                 "template":{"metadata":{"labels":{"app":"s"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}}}""";
        deployments.create(io.tugboat.api.Codec.fromJson(json, Deployment.class).value());
        assertEquals(4, deployments.scale("scaled", 4).spec().replicas());
        assertEquals(4, deployments.get("scaled").spec().replicas());
        assertEquals(4, deployments.getScale("scaled").spec().replicas());
    }

    @Test
    void watchDeliversEventsAndAnExpiredVersionAsAnErrorEvent() throws Exception {
        ResourceClient<ConfigMap> cms = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
        String rv = cms.create(configMap("watched", Map.of())).metadata().resourceVersion();
        try (WatchStream<ConfigMap> watch = cms.watch(ListOptions.none().withResourceVersion(rv))) {
            cms.patch("watched", ResourceClient.PatchType.MERGE, "{\"data\":{\"x\":\"y\"}}");
            WatchEvent<ConfigMap> event = watch.next();
            assertEquals(WatchEvent.Type.MODIFIED, event.type());
            assertEquals("y", event.object().data().get("x"));
        }
        // Push the version out of the server's watch window (5 changes in this small server).
        try (TestCluster small = TestCluster.start(etcd, c -> c.withWatchCacheCapacity(5))) {
            ResourceClient<ConfigMap> smallCms = small.client().resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
            String first = smallCms.create(configMap("churn", Map.of())).metadata().resourceVersion();
            for (int i = 0; i < 10; i++) {
                smallCms.patch("churn", ResourceClient.PatchType.MERGE, "{\"data\":{\"i\":\"" + i + "\"}}");
            }
            try (WatchStream<ConfigMap> watch = smallCms.watch(ListOptions.none().withResourceVersion(first))) {
                WatchEvent<ConfigMap> error = watch.next();
                assertEquals(WatchEvent.Type.ERROR, error.type());
                assertEquals(410, error.status().code());
                assertNull(watch.next());
            }
        }
    }

    @Test
    void aServerEndedWatchReturnsNull() throws Exception {
        ResourceClient<ConfigMap> cms = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("kube-public");
        try (WatchStream<ConfigMap> watch = cms.watch(ListOptions.none().withResourceVersion(
                cms.list(ListOptions.none()).metadata().resourceVersion()).withTimeoutSeconds(1))) {
            assertNull(watch.next());
        }
    }

    @Test
    void closingAWatchUnblocksItsReader() throws Exception {
        ResourceClient<ConfigMap> cms = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("kube-public");
        WatchStream<ConfigMap> watch = cms.watch(ListOptions.none().withResourceVersion(
                cms.list(ListOptions.none()).metadata().resourceVersion()));
        Thread reader = Thread.currentThread();
        Thread closer = new Thread(() -> {
            try {
                // Close once the reader is parked inside next(), so the test shows that close() unblocks it.
                Eventually.until("the reader blocks in next()", java.time.Duration.ofSeconds(10),
                        () -> reader.getState() == Thread.State.WAITING || reader.getState() == Thread.State.TIMED_WAITING);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watch.close();
        });
        closer.start();
        assertNull(watch.next());
        closer.join();
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterThenReported() throws Exception {
        try (TestCluster busy = TestCluster.start(etcd, c -> c.withInFlightLimits(0, 0))) {
            ApiClient client = ApiClient.builder(busy.url()).maxRetriesOnTooManyRequests(1).build();
            long start = System.nanoTime();
            ApiException e = assertThrows(ApiException.class,
                    () -> client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default").list(ListOptions.none()));
            assertTrue(System.nanoTime() - start >= 1_000_000_000L, "one retry after Retry-After: 1");
            ApiException.TooManyRequestsException tooMany = assertInstanceOf(ApiException.TooManyRequestsException.class, e);
            assertEquals(1, tooMany.retryAfterSeconds());
        }
    }

    @Test
    void anUnreachableServerIsAServerError() {
        ApiClient nowhere = ApiClient.builder("http://127.0.0.1:1").build();
        assertThrows(ApiException.ServerErrorException.class,
                () -> nowhere.resources(ResourceKinds.NAMESPACES).list(ListOptions.none()));
    }

    @Test
    void aKubeconfigTheRealKubectlUsesWorksHereToo(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster: {server: "%s"}
                users:
                - name: me
                  user: {token: not-checked-yet}
                contexts:
                - name: here
                  context: {cluster: local, user: me, namespace: kube-system}
                current-context: here
                """.formatted(cluster.url()));
        ApiClient fromFile = ApiClient.fromKubeconfig(kubeconfig.toString(), null).build();
        assertEquals("kube-system", fromFile.defaultNamespace());
        assertTrue(fromFile.resources(ResourceKinds.NAMESPACES).list(ListOptions.none()).items().size() >= 4);
        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig=" + kubeconfig, "--cache-dir=" + dir.resolve("cache"),
                "get", "namespaces").redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes());
        assertEquals(0, kubectl.waitFor(), out);
        assertTrue(out.contains("kube-system"), out);
    }
}
