package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RBAC and the Node authorizer on a real API server and etcd, asked through SubjectAccessReview (which names the
 * user in its body, so these tests need no credentials): the bootstrap roles are in place, bindings written
 * through the API take effect once the watch cache has them, and a node sees only what its pods use.
 */
class AuthorizationPolicyIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static final String PREFIX = "/registry-authz-" + System.nanoTime();
    static TestServer api;

    @BeforeAll
    static void start() {
        api = new TestServer(etcd, c -> c.withEtcdPrefix(PREFIX), s -> s.withAuthorizationModes(List.of("Node", "RBAC")));
        for (String ns : new String[] {"team", "other"}) {
            api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static JsonNode review(String user, String groups, String verb, String resource, String namespace, String name) {
        String body = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{"
                + "\"user\":\"" + user + "\",\"groups\":[" + groups + "],\"resourceAttributes\":{\"verb\":\"" + verb
                + "\",\"resource\":\"" + resource + "\",\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\"}}}";
        TestServer.Response response = api.post("/apis/authorization.k8s.io/v1/subjectaccessreviews", body);
        assertEquals(201, response.code(), response.body());
        return response.json().path("status");
    }

    static boolean allowed(String user, String groups, String verb, String resource, String namespace, String name) {
        return review(user, groups, verb, resource, namespace, name).path("allowed").asBoolean();
    }

    @Test
    void bootstrapRolesAndBindingsExistAndAreServedAsResources() {
        for (String role : new String[] {"cluster-admin", "admin", "edit", "view", "system:basic-user",
                "system:public-info-viewer", "system:discovery", "system:kube-scheduler",
                "system:kube-controller-manager", "system:volume-scheduler", "system:node"}) {
            TestServer.Response got = api.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/" + role);
            assertEquals(200, got.code(), role + ": " + got.body());
            assertEquals("true", got.json().path("metadata").path("annotations")
                    .path("rbac.authorization.kubernetes.io/autoupdate").asText(), role);
        }
        JsonNode admins = api.get("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/cluster-admin").json();
        assertEquals("system:masters", admins.path("subjects").get(0).path("name").asText(), admins.toString());
        assertTrue(api.get("/apis/rbac.authorization.k8s.io/v1").body().contains("\"rolebindings\""));
    }

    @Test
    void aUserWithNoBindingIsDeniedAndAViewBindingAllowsReadingOnlyItsNamespace() throws InterruptedException {
        String groups = "\"system:authenticated\"";
        for (String verb : new String[] {"get", "list", "create", "delete"}) {
            JsonNode status = review("alice", groups, verb, "pods", "team", verb.equals("list") || verb.equals("create") ? "" : "web");
            assertFalse(status.path("allowed").asBoolean(), verb + " " + status);
            assertTrue(status.path("reason").isMissingNode(), "a plain no-match has no reason: " + status);
        }
        TestServer.Response bound = api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"alice-view"},
                 "subjects":[{"kind":"User","name":"alice"}],
                 "roleRef":{"kind":"ClusterRole","name":"view"}}""");
        assertEquals(201, bound.code(), bound.body());
        assertEquals("rbac.authorization.k8s.io", bound.json().path("roleRef").path("apiGroup").asText(), "defaulted");
        assertEquals("rbac.authorization.k8s.io", bound.json().path("subjects").get(0).path("apiGroup").asText(), "defaulted");
        Eventually.until("the binding to take effect", Duration.ofSeconds(30),
                () -> allowed("alice", groups, "list", "pods", "team", ""));
        assertEquals("RBAC: allowed by RoleBinding \"alice-view/team\" of ClusterRole \"view\" to User \"alice\"",
                review("alice", groups, "list", "pods", "team", "").path("reason").asText());
        assertFalse(allowed("alice", groups, "list", "pods", "other", ""));
        assertFalse(allowed("alice", groups, "create", "pods", "team", ""));
        assertFalse(allowed("alice", groups, "get", "secrets", "team", "db"));

        TestServer.Response deleted = api.delete("/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings/alice-view");
        assertEquals(200, deleted.code(), deleted.body());
        Eventually.until("the deleted binding to stop granting", Duration.ofSeconds(30),
                () -> !allowed("alice", groups, "list", "pods", "team", ""));
    }

    @Test
    void aBindingsRoleRefCannotChangeAndBadRulesAreInvalid() {
        TestServer.Response bound = api.post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"bob-view"},
                 "subjects":[{"kind":"User","name":"bob"}],"roleRef":{"kind":"ClusterRole","name":"view"}}""");
        assertEquals(201, bound.code(), bound.body());
        TestServer.Response changed = api.send("PATCH", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/bob-view",
                "{\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"edit\"}}",
                "application/merge-patch+json");
        assertEquals(422, changed.code(), changed.body());
        // (The kind's prefix is the server's, written elsewhere; the causes are RBAC's.)
        assertTrue(changed.json().path("message").asText().endsWith("\"bob-view\" is invalid: roleRef: Invalid value: "
                + "{\"APIGroup\":\"rbac.authorization.k8s.io\",\"Kind\":\"ClusterRole\",\"Name\":\"edit\"}: cannot change roleRef"),
                changed.body());

        TestServer.Response badRole = api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"bad"},
                 "rules":[{"apiGroups":[""],"resources":["pods"]},{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}""");
        assertEquals(422, badRole.code(), badRole.body());
        assertTrue(badRole.json().path("message").asText().endsWith("\"bad\" is invalid: [rules[0].verbs: Required value: "
                + "verbs must contain at least one value, rules[1].nonResourceURLs: Invalid value: [\"/healthz\"]: "
                + "namespaced rules cannot apply to non-resource URLs]"), badRole.body());
    }

    @Test
    void aNodeReadsOnlyTheSecretsOfPodsBoundToIt() throws InterruptedException {
        String node = "\"system:nodes\",\"system:authenticated\"";
        for (String secret : new String[] {"used-by-a", "used-by-b"}) {
            api.post("/api/v1/namespaces/team/secrets", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\""
                    + secret + "\"},\"stringData\":{\"k\":\"v\"}}");
        }
        for (String n : new String[] {"a", "b"}) {
            TestServer.Response pod = api.post("/api/v1/namespaces/team/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                    + "\"metadata\":{\"name\":\"web-" + n + "\"},\"spec\":{\"nodeName\":\"" + n + "\",\"containers\":[{\"name\":\"c\","
                    + "\"image\":\"busybox\",\"env\":[{\"name\":\"K\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"used-by-" + n
                    + "\",\"key\":\"k\"}}}]}]}}");
            assertEquals(201, pod.code(), pod.body());
        }
        Eventually.until("node a's graph to have its pod", Duration.ofSeconds(30),
                () -> allowed("system:node:a", node, "get", "secrets", "team", "used-by-a"));
        JsonNode refused = review("system:node:a", node, "get", "secrets", "team", "used-by-b");
        assertFalse(refused.path("allowed").asBoolean());
        assertEquals("no relationship found between node 'a' and this object", refused.path("reason").asText());
        assertTrue(allowed("system:node:a", node, "get", "pods", "team", "web-a"));
        assertFalse(allowed("system:node:a", node, "get", "pods", "team", "web-b"));
        // The same name without the nodes group is just a user, whom nothing grants this.
        assertFalse(allowed("system:node:a", "\"system:authenticated\"", "get", "secrets", "team", "used-by-a"));
        api.delete("/api/v1/namespaces/team/pods/web-a?gracePeriodSeconds=0");
        Eventually.until("the deleted pod's secret to become unreadable", Duration.ofSeconds(30),
                () -> !allowed("system:node:a", node, "get", "secrets", "team", "used-by-a"));
    }

    @Test
    void anAdministratorsEditToABootstrapRoleSurvivesARestartWhenOptedOut() throws InterruptedException {
        TestServer.Response edited = api.send("PATCH", "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:basic-user",
                "{\"metadata\":{\"annotations\":{\"rbac.authorization.kubernetes.io/autoupdate\":\"false\"}},"
                        + "\"rules\":[{\"verbs\":[\"create\"],\"apiGroups\":[\"authorization.k8s.io\"],"
                        + "\"resources\":[\"selfsubjectaccessreviews\"]}]}", "application/merge-patch+json");
        assertEquals(200, edited.code(), edited.body());
        TestServer.Response removed = api.delete("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:discovery");
        assertEquals(200, removed.code(), removed.body());
        try (TestServer second = new TestServer(etcd, c -> c.withEtcdPrefix(PREFIX),
                s -> s.withAuthorizationModes(List.of("Node", "RBAC")))) {
            JsonNode basic = second.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:basic-user").json();
            assertEquals(1, basic.path("rules").size(), "kept as edited: " + basic);
            assertEquals(200, second.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:discovery").code(),
                    "a deleted bootstrap role is recreated");
        }
    }
}
