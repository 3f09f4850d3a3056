package io.tugboat.apiserver.auth.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.apiserver.auth.Decision;
import io.tugboat.apiserver.auth.RequestAttributes;
import io.tugboat.apiserver.auth.UserInfo;
import io.tugboat.apiserver.auth.WriteAdmission;
import io.tugboat.apiserver.rest.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Node authorizer as a table over one graph: pod web-a (node a) uses secret a-secret (volume), configmap
 * a-config (envFrom), secret a-pull (imagePullSecrets) and claim a-data (bound to volume pv-a); pod web-b (node b)
 * uses secret b-secret (env) and claim b-data (bound to pv-b); pod pending is not bound.
 */
class NodeAuthorizerTest {
    static final UserInfo NODE_A = UserInfo.of("system:node:a", List.of(UserInfo.NODES, UserInfo.AUTHENTICATED));
    static final UserInfo NOT_A_NODE = UserInfo.of("system:node:a", List.of(UserInfo.AUTHENTICATED));

    static Pod pod(String json) {
        try {
            return Codec.fromJson(json.getBytes(StandardCharsets.UTF_8), Pod.class).value();
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Pod WEB_A = pod("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-a","namespace":"ns"},
             "spec":{"nodeName":"a","imagePullSecrets":[{"name":"a-pull"}],
               "volumes":[{"name":"s","secret":{"secretName":"a-secret"}},
                          {"name":"d","persistentVolumeClaim":{"claimName":"a-data"}}],
               "containers":[{"name":"c","image":"i","envFrom":[{"configMapRef":{"name":"a-config"}}]}]}}""");
    static final Pod WEB_B = pod("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-b","namespace":"ns"},
             "spec":{"nodeName":"b",
               "volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"b-data"}}],
               "containers":[{"name":"c","image":"i",
                 "env":[{"name":"P","valueFrom":{"secretKeyRef":{"name":"b-secret","key":"k"}}}]}]}}""");
    static final Pod PENDING = pod("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pending","namespace":"ns"},
             "spec":{"volumes":[{"name":"s","secret":{"secretName":"p-secret"}}],
               "containers":[{"name":"c","image":"i"}]}}""");

    static PodGraph graph() {
        PodGraph graph = new PodGraph();
        graph.changed(null, WEB_A);
        graph.changed(null, WEB_B);
        graph.changed(null, PENDING);
        return graph;
    }

    static final Map<String, String> CLAIMS = Map.of("ns/a-data", "pv-a", "ns/b-data", "pv-b");
    static final NodeAuthorizer NODE = new NodeAuthorizer(graph(), (ns, name) -> Optional.ofNullable(CLAIMS.get(ns + "/" + name)));

    static RequestAttributes res(String verb, String group, String resource, String sub, String ns, String name) {
        return RequestAttributes.resource(NODE_A, verb, group, "v1", resource, sub, ns, name);
    }

    static Stream<Arguments> cases() {
        String noRelation = "no relationship found between node 'a' and this object";
        return Stream.of(
                Arguments.of("a secret its pod mounts", res("get", "", "secrets", "", "ns", "a-secret"), true, ""),
                Arguments.of("its pod's image pull secret", res("get", "", "secrets", "", "ns", "a-pull"), true, ""),
                Arguments.of("a secret only node b's pod uses", res("get", "", "secrets", "", "ns", "b-secret"), false, noRelation),
                Arguments.of("a secret of an unbound pod", res("get", "", "secrets", "", "ns", "p-secret"), false, noRelation),
                Arguments.of("the same name in another namespace", res("get", "", "secrets", "", "other", "a-secret"), false, noRelation),
                Arguments.of("watching one named secret", res("watch", "", "secrets", "", "ns", "a-secret"), true, ""),
                Arguments.of("listing secrets", res("list", "", "secrets", "", "ns", ""), false, "No Object name found"),
                Arguments.of("writing a secret", res("update", "", "secrets", "", "ns", "a-secret"), false,
                        "can only read resources of this type"),
                Arguments.of("a configmap from envFrom", res("get", "", "configmaps", "", "ns", "a-config"), true, ""),
                Arguments.of("its claim", res("get", "", "persistentvolumeclaims", "", "ns", "a-data"), true, ""),
                Arguments.of("node b's claim", res("get", "", "persistentvolumeclaims", "", "ns", "b-data"), false, noRelation),
                Arguments.of("the volume bound to its claim", res("get", "", "persistentvolumes", "", "", "pv-a"), true, ""),
                Arguments.of("node b's volume", res("get", "", "persistentvolumes", "", "", "pv-b"), false, noRelation),
                Arguments.of("listing volumes", res("list", "", "persistentvolumes", "", "", ""), false,
                        "can only get individual resources of this type"),
                Arguments.of("its own Node", res("get", "", "nodes", "", "", "a"), true, ""),
                Arguments.of("another Node", res("get", "", "nodes", "", "", "b"), false,
                        "node 'a' cannot read 'b', only its own Node object"),
                Arguments.of("all Nodes", res("list", "", "nodes", "", "", ""), false,
                        "node 'a' cannot read all nodes, only its own Node object"),
                Arguments.of("registering (NodeRestriction checks the name)", res("create", "", "nodes", "", "", ""), true, ""),
                Arguments.of("its node status", res("patch", "", "nodes", "status", "", "a"), true, ""),
                Arguments.of("deleting a Node", res("delete", "", "nodes", "", "", "a"), false, ""),
                Arguments.of("its Lease", res("update", "coordination.k8s.io", "leases", "", "kube-node-lease", "a"), true, ""),
                Arguments.of("creating a Lease (NodeRestriction checks the name)",
                        res("create", "coordination.k8s.io", "leases", "", "kube-node-lease", ""), true, ""),
                Arguments.of("node b's Lease", res("update", "coordination.k8s.io", "leases", "", "kube-node-lease", "b"), false,
                        "can only access node lease with the same name as the requesting node"),
                Arguments.of("a Lease elsewhere", res("get", "coordination.k8s.io", "leases", "", "kube-system", "a"), false,
                        "can only access leases in the \"kube-node-lease\" system namespace"),
                Arguments.of("its pod", res("get", "", "pods", "", "ns", "web-a"), true, ""),
                Arguments.of("node b's pod", res("get", "", "pods", "", "ns", "web-b"), false, noRelation),
                Arguments.of("watching pods (no field selector in the attributes)", res("watch", "", "pods", "", "", ""), true, ""),
                Arguments.of("its pod's status", res("update", "", "pods", "status", "ns", "web-a"), true, ""),
                Arguments.of("node b's pod's status", res("patch", "", "pods", "status", "ns", "web-b"), false, noRelation),
                Arguments.of("updating a pod's spec", res("update", "", "pods", "", "ns", "web-a"), false, ""),
                Arguments.of("exec into a pod", res("create", "", "pods", "exec", "ns", "web-a"), false, ""),
                Arguments.of("events", res("create", "", "events", "", "ns", ""), true, ""),
                Arguments.of("deployments", res("list", "apps", "deployments", "", "ns", ""), false, ""),
                Arguments.of("a user that is not in system:nodes",
                        RequestAttributes.resource(NOT_A_NODE, "get", "", "v1", "secrets", "", "ns", "a-secret"), false, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void authorizesOnlyWhatItsPodsNeed(String description, RequestAttributes request, boolean allowed, String reason) {
        Decision decision = NODE.authorize(request);
        assertEquals(allowed ? Decision.Verdict.ALLOW : Decision.Verdict.NO_OPINION, decision.verdict(), description);
        assertEquals(reason, decision.reason(), description);
    }

    @Test
    void followsPodsAsTheyMoveAndGo() {
        PodGraph graph = graph();
        assertEquals(true, graph.nodeUses("a", PodGraph.Kind.SECRET, "ns", "a-secret"));
        graph.changed(WEB_A, null);
        assertEquals(false, graph.nodeUses("a", PodGraph.Kind.SECRET, "ns", "a-secret"));
        assertEquals(false, graph.podOnNode("a", "ns", "web-a"));
        // The pending pod gets bound to a: its secret becomes readable by a.
        Pod bound = PENDING.withSpec(PENDING.spec().withNodeName("a"));
        graph.changed(PENDING, bound);
        assertEquals(true, graph.nodeUses("a", PodGraph.Kind.SECRET, "ns", "p-secret"));
        assertEquals(false, graph.nodeUses("b", PodGraph.Kind.SECRET, "ns", "p-secret"));
    }

    @Test
    void aSecretUsedByTwoPodsStaysReadableUntilTheLastGoes() {
        PodGraph graph = new PodGraph();
        Pod second = WEB_A.withMetadata(WEB_A.metadata().withName("web-a2"));
        graph.changed(null, WEB_A);
        graph.changed(null, second);
        graph.changed(WEB_A, null);
        assertEquals(true, graph.nodeUses("a", PodGraph.Kind.SECRET, "ns", "a-secret"));
        graph.changed(second, null);
        assertEquals(false, graph.nodeUses("a", PodGraph.Kind.SECRET, "ns", "a-secret"));
    }

    static WriteAdmission.Attributes write(WriteAdmission.Operation op, io.tugboat.api.ResourceKind<?> kind, String sub,
                                           String ns, String name, io.tugboat.api.meta.KubernetesObject object,
                                           io.tugboat.api.meta.KubernetesObject old) {
        return new WriteAdmission.Attributes(NODE_A, op, kind, sub, ns, name, object, old);
    }

    @Test
    void nodeRestrictionRefusesWritesToAnotherNodesObjects() {
        NodeRestriction restriction = new NodeRestriction();
        ApiError error = assertThrows(ApiError.class, () -> restriction.admit(write(WriteAdmission.Operation.UPDATE,
                ResourceKinds.PODS, "status", "ns", "web-b", WEB_B, WEB_B)));
        assertEquals(403, error.code());
        assertEquals("pods \"web-b\" is forbidden: node \"a\" can only update pod status for pods with spec.nodeName set to itself",
                error.getMessage());
        restriction.admit(write(WriteAdmission.Operation.UPDATE, ResourceKinds.PODS, "status", "ns", "web-a", WEB_A, WEB_A));

        io.tugboat.api.core.Node nodeB = io.tugboat.api.core.Node.of(new ObjectMeta("b", null, null, null, null, null,
                null, null, null, null, null, null, null, null), null, null);
        error = assertThrows(ApiError.class, () -> restriction.admit(write(WriteAdmission.Operation.CREATE,
                ResourceKinds.NODES, "", "", "", nodeB, null)));
        assertEquals("nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"", error.getMessage());
        restriction.admit(write(WriteAdmission.Operation.CREATE, ResourceKinds.NODES, "", "", "",
                nodeB.withMetadata(nodeB.metadata().withName("a")), null));

        error = assertThrows(ApiError.class, () -> restriction.admit(write(WriteAdmission.Operation.DELETE,
                ResourceKinds.PODS, "", "ns", "web-b", null, WEB_B)));
        assertEquals("pods \"web-b\" is forbidden: node \"a\" can only delete pods with spec.nodeName set to itself",
                error.getMessage());
        error = assertThrows(ApiError.class, () -> restriction.admit(write(WriteAdmission.Operation.CREATE,
                ResourceKinds.PODS, "", "ns", "", WEB_A, null)));
        assertEquals("pods \"web-a\" is forbidden: pod does not have \"kubernetes.io/config.mirror\" annotation, node \"a\" "
                + "can only create mirror pods", error.getMessage());
    }
}
