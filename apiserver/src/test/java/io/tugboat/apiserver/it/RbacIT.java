package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.apiserver.tls.ClientTls;
import io.tugboat.pki.ClusterPki;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --authorization-mode=Node,RBAC} end to end: an HTTPS API server on real etcd, users from a token file,
 * the real kubectl. What a user may do is only what bindings grant; what a node may do is only what its pods need;
 * nobody grants more than they hold.
 */
class RbacIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    @TempDir
    static Path dir;

    static ClusterPki pki;
    static ApiServer server;
    static String base;
    static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        pki = new ClusterPki(dir.resolve("pki"), Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(), InetAddress.getByName("10.96.0.1"));
        Path tokens = Files.writeString(dir.resolve("tokens.csv"), """
                root-token,root,1,"system:masters"
                alice-token,alice,2
                bob-token,bob,3
                node-a-token,system:node:a,4,"system:nodes"
                node-b-token,system:node:b,5,"system:nodes"
                """);
        server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/rbac-" + System.nanoTime()))
                .withServingCertificate(pki.certificate(ClusterPki.APISERVER), pki.key(ClusterPki.APISERVER))
                .withTokenAuthFile(tokens)
                .withAuthorizationModes(List.of("Node", "RBAC"))
                .start();
        base = "https://127.0.0.1:" + server.port();
        tls = new ClientTls(pki.certificate(ClusterPki.CA), null, null).sslContext();
        for (String ns : List.of("team", "other")) {
            assertEquals(201, send("root", "POST", "/api/v1/namespaces",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}").statusCode());
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        return send(user, method, path, body, "application/json");
    }

    static HttpResponse<String> send(String user, String method, String path, String body, String contentType) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + user + "-token")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String message(HttpResponse<String> response) throws Exception {
        return Codec.json().readTree(response.body()).path("message").asText();
    }

    static void assertForbidden(HttpResponse<String> response, String message) throws Exception {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(message, message(response));
    }

    static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"v\"}}";
    }

    static void bind(String ns, String name, String user, String kind, String role) throws Exception {
        HttpResponse<String> bound = send("root", "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/rolebindings",
                "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"" + name
                        + "\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"" + user + "\"}],"
                        + "\"roleRef\":{\"kind\":\"" + kind + "\",\"name\":\"" + role + "\"}}");
        assertEquals(201, bound.statusCode(), bound.body());
    }

    @Test
    void aUserWithNoBindingIsForbiddenEverythingWithKubernetesMessages() throws Exception {
        assertEquals(201, send("root", "POST", "/api/v1/namespaces/other/configmaps", configMap("cm")).statusCode());
        assertForbidden(send("bob", "GET", "/api/v1/namespaces/other/configmaps/cm", null),
                "configmaps \"cm\" is forbidden: User \"bob\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"other\"");
        assertForbidden(send("bob", "GET", "/api/v1/namespaces/other/configmaps", null),
                "configmaps is forbidden: User \"bob\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"other\"");
        assertForbidden(send("bob", "POST", "/api/v1/namespaces/other/configmaps", configMap("mine")),
                "configmaps is forbidden: User \"bob\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"other\"");
        assertForbidden(send("bob", "DELETE", "/api/v1/namespaces/other/configmaps/cm", null),
                "configmaps \"cm\" is forbidden: User \"bob\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"other\"");
        assertForbidden(send("bob", "GET", "/api/v1/nodes", null),
                "nodes is forbidden: User \"bob\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
        // Discovery and health are every authenticated user's (system:discovery, system:public-info-viewer).
        assertEquals(200, send("bob", "GET", "/apis", null).statusCode());
        assertEquals(200, send("bob", "GET", "/healthz", null).statusCode());
    }

    /** A kubeconfig for a token user, trusting the cluster CA. */
    static Path kubeconfig(String user) throws Exception {
        return Files.writeString(dir.resolve(user + ".conf"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: tugboat
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user: {token: %s-token}
                contexts:
                - name: tugboat
                  context: {cluster: tugboat, user: %s}
                current-context: tugboat
                """.formatted(base, Base64.getEncoder().encodeToString(
                        Files.readString(pki.certificate(ClusterPki.CA)).getBytes(StandardCharsets.US_ASCII)), user, user, user));
    }

    @Test
    void viewInOneNamespaceAllowsReadingThereOnlyAndKubectlAuthCanIAgrees() throws Exception {
        // As the docs say: one kubectl command (which sends the RoleBinding as protobuf).
        KubectlIT.Result created = SecureApiServerIT.kubectl(kubeconfig("root"), "", "create", "rolebinding", "alice-view",
                "--clusterrole=view", "--user=alice", "-n", "team");
        assertEquals(0, created.code(), created.out() + created.err());
        assertEquals("rolebinding.rbac.authorization.k8s.io/alice-view created", created.out().strip());
        Eventually.until("alice's binding to take effect", Duration.ofSeconds(30), () -> {
            try {
                return send("alice", "GET", "/api/v1/namespaces/team/pods", null).statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(403, send("alice", "GET", "/api/v1/namespaces/other/pods", null).statusCode());
        assertEquals(403, send("alice", "GET", "/api/v1/namespaces/team/secrets", null).statusCode());
        assertEquals(403, send("alice", "POST", "/api/v1/namespaces/team/configmaps", configMap("x")).statusCode());

        Path kubeconfig = kubeconfig("alice");
        record Question(String verb, String resource, String namespace, String path) {
        }
        for (Question q : List.of(new Question("list", "pods", "team", "/api/v1/namespaces/team/pods"),
                new Question("list", "pods", "other", "/api/v1/namespaces/other/pods"),
                new Question("get", "deployments.apps", "team", "/apis/apps/v1/namespaces/team/deployments/web"),
                new Question("list", "secrets", "team", "/api/v1/namespaces/team/secrets"),
                new Question("create", "configmaps", "team", "/api/v1/namespaces/team/configmaps"))) {
            KubectlIT.Result answer = SecureApiServerIT.kubectl(kubeconfig, "", "auth", "can-i", q.verb(), q.resource(),
                    "-n", q.namespace());
            int actual = q.verb().equals("create")
                    ? send("alice", "POST", q.path(), configMap("probe")).statusCode()
                    : send("alice", "GET", q.path(), null).statusCode();
            boolean serverAllows = actual != 403;
            assertEquals(serverAllows ? "yes" : "no", answer.out().strip(), q + " " + answer.err());
            assertEquals(serverAllows ? 0 : 1, answer.code(), q + " " + answer.err());
        }
        KubectlIT.Result list = SecureApiServerIT.kubectl(kubeconfig, "", "auth", "can-i", "--list", "-n", "team");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("selfsubjectaccessreviews.authorization.k8s.io"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("pods ") && l.contains("[get list watch]")), list.out());
    }

    @Test
    void aNodeReadsOnlyWhatItsPodsUseAndWritesOnlyItsOwnObjects() throws Exception {
        for (String n : List.of("a", "b")) {
            assertEquals(201, send("root", "POST", "/api/v1/namespaces/team/secrets", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
                    + "\"metadata\":{\"name\":\"used-by-" + n + "\"},\"stringData\":{\"k\":\"v\"}}").statusCode());
            // Each kubelet registers its own Node, as a real one does.
            assertEquals(201, send("node-" + n, "POST", "/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\","
                    + "\"metadata\":{\"name\":\"" + n + "\"}}").statusCode());
            assertEquals(201, send("root", "POST", "/api/v1/namespaces/team/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                    + "\"metadata\":{\"name\":\"web-" + n + "\"},\"spec\":{\"nodeName\":\"" + n + "\",\"containers\":[{\"name\":\"c\","
                    + "\"image\":\"busybox\",\"env\":[{\"name\":\"K\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"used-by-"
                    + n + "\",\"key\":\"k\"}}}]}]}}").statusCode());
        }
        Eventually.until("node a's graph to have its pod", Duration.ofSeconds(30), () -> {
            try {
                return send("node-a", "GET", "/api/v1/namespaces/team/secrets/used-by-a", null).statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertForbidden(send("node-a", "GET", "/api/v1/namespaces/team/secrets/used-by-b", null),
                "secrets \"used-by-b\" is forbidden: User \"system:node:a\" cannot get resource \"secrets\" in API group \"\" "
                        + "in the namespace \"team\": no relationship found between node 'a' and this object");
        assertEquals(403, send("node-a", "GET", "/api/v1/namespaces/team/secrets", null).statusCode());

        // Pod status: its own pod yes, node b's pod no.
        JsonNode podA = Codec.json().readTree(send("node-a", "GET", "/api/v1/namespaces/team/pods/web-a", null).body());
        assertEquals("web-a", podA.path("metadata").path("name").asText(), podA.toString());
        assertEquals(200, send("node-a", "PATCH", "/api/v1/namespaces/team/pods/web-a/status",
                "{\"status\":{\"phase\":\"Running\"}}", "application/merge-patch+json").statusCode());
        assertForbidden(send("node-a", "PATCH", "/api/v1/namespaces/team/pods/web-b/status",
                "{\"status\":{\"phase\":\"Failed\"}}", "application/merge-patch+json"),
                "pods \"web-b\" is forbidden: User \"system:node:a\" cannot patch resource \"pods/status\" in API group \"\" "
                        + "in the namespace \"team\": no relationship found between node 'a' and this object");
        assertEquals(403, send("node-a", "DELETE", "/api/v1/namespaces/team/pods/web-b", null).statusCode());

        // Node objects: the authorizer lets a node patch node status (it cannot see whose), NodeRestriction refuses b's.
        assertEquals(200, send("node-a", "PATCH", "/api/v1/nodes/a/status",
                "{\"status\":{\"phase\":\"Running\"}}", "application/merge-patch+json").statusCode());
        assertForbidden(send("node-a", "PATCH", "/api/v1/nodes/b/status",
                "{\"status\":{\"phase\":\"Running\"}}", "application/merge-patch+json"),
                "nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"");
        assertEquals(403, send("node-a", "GET", "/api/v1/nodes/b", null).statusCode());
        // Its Lease, not b's.
        assertEquals(201, send("node-a", "POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"holderIdentity\":\"a\"}}")
                .statusCode());
        assertForbidden(send("node-a", "POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"b\"},\"spec\":{\"holderIdentity\":\"a\"}}"),
                "leases.coordination.k8s.io \"b\" is forbidden: can only access node lease with the same name as the requesting node");
    }

    @Test
    void aNamespaceAdminMayGrantWhatItHoldsAndNothingMore() throws Exception {
        bind("team", "bob-admin", "bob", "ClusterRole", "admin");
        String podReader = "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\",\"metadata\":{\"name\":\"pod-reader\"},"
                + "\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\",\"list\"]}]}";
        Eventually.until("bob's binding to take effect", Duration.ofSeconds(30), () -> {
            try {
                return send("bob", "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles", podReader).statusCode() == 201;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertForbidden(send("bob", "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles",
                "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\",\"metadata\":{\"name\":\"node-reader\"},"
                        + "\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"nodes\"],\"verbs\":[\"get\",\"list\"]}]}"),
                "roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: user \"bob\" (groups=[\"system:authenticated\"]) "
                        + "is attempting to grant RBAC permissions not currently held:\n"
                        + "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}");
        KubectlIT.Result byKubectl = SecureApiServerIT.kubectl(kubeconfig("bob"), "", "create", "role", "secret-reader",
                "--verb=get", "--resource=nodes", "-n", "team");
        assertEquals(1, byKubectl.code(), byKubectl.out() + byKubectl.err());
        assertTrue(byKubectl.err().contains("is attempting to grant RBAC permissions not currently held"), byKubectl.err());
        KubectlIT.Result allowed = SecureApiServerIT.kubectl(kubeconfig("bob"), "", "create", "role", "cm-reader",
                "--verb=get", "--resource=configmaps", "-n", "team");
        assertEquals(0, allowed.code(), allowed.out() + allowed.err());
        // The same role in a namespace where bob holds nothing: RBAC itself refuses the create first.
        assertEquals(403, send("bob", "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/other/roles", podReader).statusCode());

        String binding = "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"carol-%s\"},"
                + "\"subjects\":[{\"kind\":\"User\",\"name\":\"carol\"}],\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"%s\"}}";
        assertEquals(201, send("bob", "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings",
                binding.formatted("edit", "edit")).statusCode());
        HttpResponse<String> refused = send("bob", "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings",
                binding.formatted("admin", "cluster-admin"));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(message(refused).startsWith("rolebindings.rbac.authorization.k8s.io \"carol-admin\" is forbidden: user \"bob\" "
                + "(groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"), refused.body());
    }
}
