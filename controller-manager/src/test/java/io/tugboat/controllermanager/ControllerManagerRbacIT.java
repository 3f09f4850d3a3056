package io.tugboat.controllermanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.Pod;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every controller as user {@code system:kube-controller-manager} under {@code --authorization-mode=Node,RBAC}:
 * the bootstrap role {@code system:kube-controller-manager} lets a Deployment become pods, the garbage collector
 * remove them, and the namespace controller empty a namespace (RBAC objects included) before it goes.
 */
class ControllerManagerRbacIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    @TempDir
    static Path dir;

    static ApiServer server;
    static ControllerManager controllers;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.csv"),
                "cm-token,system:kube-controller-manager,1\nadmin-token,root,2,\"system:masters\"\n");
        server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/cm-rbac-" + System.nanoTime()))
                .withTokenAuthFile(tokens).withAuthorizationModes(List.of("Node", "RBAC")).start();
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("apiserver", server.servingCertificates().get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        String url = "https://127.0.0.1:" + server.port();
        admin = ApiClient.builder(url).sslContext(tls).token("admin-token").build();
        controllers = new ControllerManager(ApiClient.builder(url).sslContext(tls).token("cm-token").build(),
                Controllers.builtIn().select(List.of("*")), ControllerManagerOptions.defaults(), Clock.systemUTC());
        controllers.start();
    }

    @AfterAll
    static void stop() {
        if (controllers != null) {
            controllers.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    static <T> T decode(String json, Class<T> type) throws Exception {
        return Codec.fromJson(json.getBytes(StandardCharsets.UTF_8), type).value();
    }

    static int pods(String namespace) {
        try {
            return admin.resources(ResourceKinds.PODS).inNamespace(namespace).list(ListOptions.none()).items().size();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeploymentBecomesPodsWhichGoWithItAndANamespaceEmptiesBeforeItGoes() throws Exception {
        admin.resources(ResourceKinds.NAMESPACES).create(decode(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}", Namespace.class));
        admin.resources(ResourceKinds.DEPLOYMENTS).inNamespace("shop").create(decode("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"c","image":"tugboat/busybox:1"}]}}}}""", Deployment.class));
        Eventually.until("two pods made by the controllers", Duration.ofSeconds(60), () -> pods("shop") == 2);

        admin.resources(ResourceKinds.ROLE_BINDINGS).inNamespace("shop").create(decode("""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"viewers"},
                 "subjects":[{"kind":"Group","name":"shop-team"}],"roleRef":{"kind":"ClusterRole","name":"view"}}""",
                RoleBinding.class));
        admin.resources(ResourceKinds.NAMESPACES).delete("shop");
        Eventually.until("the namespace emptied and gone", Duration.ofSeconds(90), () -> {
            try {
                admin.resources(ResourceKinds.NAMESPACES).get("shop");
                return false;
            } catch (ApiException.NotFoundException e) {
                return true;
            } catch (ApiException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(0, pods("shop"));
        assertEquals(0, admin.resources(ResourceKinds.ROLE_BINDINGS).inNamespace("shop").list(ListOptions.none()).items().size());
    }
}
