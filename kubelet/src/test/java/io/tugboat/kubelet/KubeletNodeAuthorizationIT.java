package io.tugboat.kubelet;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.ConfigMapVolumeSource;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.EnvVarSource;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.SecretKeySelector;
import io.tugboat.api.core.Volume;
import io.tugboat.api.core.VolumeMount;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.kubelet.runtime.ContainerConfig;
import io.tugboat.kubelet.runtime.FakeRuntime;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet as {@code system:node:<name>} against an API server with {@code --authorization-mode=Node,RBAC}: it
 * registers its Node, renews its Lease, runs a pod that takes a Secret and a ConfigMap, and reports its status,
 * all within what the Node authorizer and NodeRestriction allow; and its credentials read nothing else.
 */
class KubeletNodeAuthorizationIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    @TempDir
    static Path dir;

    static final String NODE = "secure-node";
    static ApiServer server;
    static ApiClient admin;
    static ApiClient asNode;
    static final FakeRuntime fake = new FakeRuntime();
    static Kubelet kubelet;

    @BeforeAll
    static void start() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.csv"),
                "node-token,system:node:" + NODE + ",1,\"system:nodes\"\nadmin-token,root,2,\"system:masters\"\n");
        server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/kubelet-authz-" + System.nanoTime()))
                .withTokenAuthFile(tokens)
                .withAuthorizationModes(List.of("Node", "RBAC"))
                .start();
        SSLContext trust = trusting(server.servingCertificates().get(0));
        String url = "https://127.0.0.1:" + server.port();
        admin = ApiClient.builder(url).sslContext(trust).token("admin-token").build();
        asNode = ApiClient.builder(url).sslContext(trust).token("node-token").build();
        KubeletConfig config = KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0)
                .withRootDir(Files.createDirectories(dir.resolve("kubelet")))
                .withNode(Map.of("cpu", Quantity.parse("2"), "memory", Quantity.parse("4Gi"), "pods", Quantity.parse("10")),
                        Map.of(), List.of())
                .withIntervals(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(2));
        kubelet = new Kubelet(config, asNode, fake).start();
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Trusts the API server's self-signed serving certificate. */
    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("apiserver", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static ObjectMeta meta(String name) {
        return new ObjectMeta(name, null, "default", null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aKubeletRegistersRenewsAndRunsPodsWithTheirSecretsUnderNodeAndRbac() throws Exception {
        Node node = Await.until("the node registered and Ready", Duration.ofSeconds(60), () -> admin.resources(ResourceKinds.NODES).get(NODE),
                n -> n.status() != null && n.status().conditions() != null && n.status().conditions().stream()
                        .anyMatch(c -> c.type().equals("Ready") && c.status().equals("True")));
        assertEquals(NODE, node.metadata().name());
        Lease lease = Await.until("the lease renewed", Duration.ofSeconds(60),
                () -> admin.resources(ResourceKinds.LEASES).inNamespace("kube-node-lease").get(NODE),
                l -> l.spec() != null && l.spec().renewTime() != null);
        assertEquals(NODE, lease.spec().holderIdentity());

        admin.resources(ResourceKinds.SECRETS).inNamespace("default").create(Secret.of(meta("db"),
                Map.of("password", Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8))), null, "Opaque", null));
        admin.resources(ResourceKinds.SECRETS).inNamespace("default").create(Secret.of(meta("unrelated"),
                Map.of("k", Base64.getEncoder().encodeToString("v".getBytes(StandardCharsets.UTF_8))), null, "Opaque", null));
        admin.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default").create(ConfigMap.of(meta("settings"),
                Map.of("color", "blue"), null, null));
        var app = container("app", "tugboat/busybox:1", "sleep 1000")
                .withEnv(List.of(new EnvVar("PASSWORD", null, new EnvVarSource(null, null, null, new SecretKeySelector("db", "password", null)))))
                .withVolumeMounts(List.of(new VolumeMount("config", true, "/etc/config", null, null)));
        admin.resources(ResourceKinds.PODS).inNamespace("default").create(pod("web", NODE, "Always", List.of(app),
                List.of(new Volume("config", null, null, null, null, new ConfigMapVolumeSource("settings", null, null, null))), 30L));
        Pod running = Await.until("the pod running", Duration.ofSeconds(60),
                () -> admin.resources(ResourceKinds.PODS).inNamespace("default").get("web"),
                p -> p.status() != null && "Running".equals(p.status().phase()));
        String id = running.status().containerStatuses().get(0).containerID().substring("docker://".length());
        ContainerConfig config = fake.config(id).orElseThrow();
        assertTrue(config.env().contains("PASSWORD=s3cret"), config.env().toString());

        // The same credentials read nothing the node's pods do not use, and no other node.
        ApiException refused = assertThrows(ApiException.class,
                () -> asNode.resources(ResourceKinds.SECRETS).inNamespace("default").get("unrelated"));
        assertEquals(403, refused.code());
        assertEquals(403, assertThrows(ApiException.class, () -> asNode.resources(ResourceKinds.NODES).list(io.tugboat.client.ListOptions.none())).code());

        // Deleting the pod: the kubelet stops it and removes the object (a delete NodeRestriction allows for its own pod).
        admin.resources(ResourceKinds.PODS).inNamespace("default").delete("web");
        Await.until("the pod gone", Duration.ofSeconds(60), () -> {
            try {
                admin.resources(ResourceKinds.PODS).inNamespace("default").get("web");
                return false;
            } catch (ApiException.NotFoundException e) {
                return true;
            }
        }, gone -> gone);
    }
}
