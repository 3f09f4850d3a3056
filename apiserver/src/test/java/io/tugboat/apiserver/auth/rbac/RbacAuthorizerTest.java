package io.tugboat.apiserver.auth.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import io.tugboat.apiserver.auth.Authorizer;
import io.tugboat.apiserver.auth.Decision;
import io.tugboat.apiserver.auth.RequestAttributes;
import io.tugboat.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RBAC as a table: one policy (the bootstrap roles plus a few of the test's own), requests → the decision and its
 * reason. Each row says which Kubernetes rule it checks.
 */
class RbacAuthorizerTest {
    static final UserInfo ALICE = UserInfo.of("alice", List.of("dev", UserInfo.AUTHENTICATED));
    static final UserInfo BOB = UserInfo.of("bob", List.of(UserInfo.AUTHENTICATED));
    static final UserInfo SA = UserInfo.of("system:serviceaccount:team:builder",
            List.of("system:serviceaccounts", "system:serviceaccounts:team", UserInfo.AUTHENTICATED));
    static final UserInfo ANON = UserInfo.ANONYMOUS;

    static ObjectMeta meta(String namespace, String name) {
        return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null, null);
    }

    static final List<KubernetesObject> POLICY = new ArrayList<>();

    static {
        POLICY.addAll(BootstrapPolicy.clusterRoles());
        POLICY.addAll(BootstrapPolicy.clusterRoleBindings());
        // alice views "team"; bob edits "team" through a Role limited to configmaps named "settings" and pod status.
        POLICY.add(RoleBinding.of(meta("team", "alice-view"), List.of(Subject.user("alice")),
                new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")));
        POLICY.add(Role.of(meta("team", "settings-editor"), List.of(
                new PolicyRule(List.of("get", "update"), List.of(""), List.of("configmaps"), List.of("settings"), null),
                PolicyRule.resources(List.of("patch"), List.of(""), List.of("pods/status")),
                PolicyRule.resources(List.of("get"), List.of("*"), List.of("*/scale")))));
        POLICY.add(RoleBinding.of(meta("team", "bob-settings"), List.of(Subject.user("bob")),
                new RoleRef("rbac.authorization.k8s.io", "Role", "settings-editor")));
        // A service account subject without namespace takes the binding's; group "dev" may list nodes.
        POLICY.add(RoleBinding.of(meta("team", "builder"), List.of(new Subject("ServiceAccount", "", "builder", null)),
                new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")));
        POLICY.add(ClusterRole.of(meta(null, "node-reader"), null,
                List.of(PolicyRule.resources(List.of("get", "list", "watch"), List.of(""), List.of("nodes")))));
        POLICY.add(ClusterRoleBinding.of(meta(null, "dev-nodes"), List.of(Subject.group("dev")),
                new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "node-reader")));
        // A binding to a role that does not exist, for a user nothing else allows.
        POLICY.add(RoleBinding.of(meta("team", "dangling"), List.of(Subject.user("carol")),
                new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "no-such-role")));
        // A role aggregated into view by label: view grants it too.
        POLICY.add(ClusterRole.of(new ObjectMeta("widgets-view", null, null, null, null, null, null, null, null, null,
                        Map.of("rbac.authorization.k8s.io/aggregate-to-view", "true"), null, null, null), null,
                List.of(PolicyRule.resources(List.of("get"), List.of("example.com"), List.of("widgets")))));
    }

    static final RbacAuthorizer RBAC = new RbacAuthorizer(RbacPolicy.of(POLICY));

    static RequestAttributes res(UserInfo user, String verb, String group, String resource, String sub, String ns, String name) {
        return RequestAttributes.resource(user, verb, group, "v1", resource, sub, ns, name);
    }

    static Stream<Arguments> cases() {
        String viewReason = "RBAC: allowed by RoleBinding \"alice-view/team\" of ClusterRole \"view\" to User \"alice\"";
        return Stream.of(
                Arguments.of("a RoleBinding to view allows list in its namespace",
                        res(ALICE, "list", "", "pods", "", "team", ""), true, viewReason),
                Arguments.of("... and not in another namespace (no reason: a plain no-match)",
                        res(ALICE, "list", "", "pods", "", "other", ""), false, ""),
                Arguments.of("... nor across all namespaces",
                        res(ALICE, "list", "", "pods", "", "", ""), false, ""),
                Arguments.of("view does not read secrets",
                        res(ALICE, "get", "", "secrets", "", "team", "db"), false, ""),
                Arguments.of("view does not write",
                        res(ALICE, "create", "", "pods", "", "team", ""), false, ""),
                Arguments.of("view covers pods/log, a subresource listed by name",
                        res(ALICE, "get", "", "pods", "log", "team", "web"), true, viewReason),
                Arguments.of("view does not cover pods/exec: a subresource is not its resource",
                        res(ALICE, "get", "", "pods", "exec", "team", "web"), false, ""),
                Arguments.of("apps resources need the apps group",
                        res(ALICE, "list", "apps", "deployments", "", "team", ""), true, viewReason),
                Arguments.of("the same resource name in another group does not match",
                        res(ALICE, "list", "batch", "deployments", "", "team", ""), false, ""),
                Arguments.of("an aggregated role's rules count for view",
                        res(ALICE, "get", "example.com", "widgets", "", "team", "w"), true, viewReason),
                Arguments.of("a ClusterRoleBinding to a group applies cluster-wide",
                        res(ALICE, "list", "", "nodes", "", "", ""), true,
                        "RBAC: allowed by ClusterRoleBinding \"dev-nodes\" of ClusterRole \"node-reader\" to Group \"dev\""),
                Arguments.of("resourceNames: the named object",
                        res(BOB, "get", "", "configmaps", "", "team", "settings"), true,
                        "RBAC: allowed by RoleBinding \"bob-settings/team\" of Role \"settings-editor\" to User \"bob\""),
                Arguments.of("resourceNames: another object",
                        res(BOB, "get", "", "configmaps", "", "team", "other"), false, ""),
                Arguments.of("resourceNames: never a list",
                        res(BOB, "list", "", "configmaps", "", "team", ""), false, ""),
                Arguments.of("pods/status granted, pods not",
                        res(BOB, "patch", "", "pods", "status", "team", "web"), true,
                        "RBAC: allowed by RoleBinding \"bob-settings/team\" of Role \"settings-editor\" to User \"bob\""),
                Arguments.of("... the main resource is another resource",
                        res(BOB, "patch", "", "pods", "", "team", "web"), false, ""),
                Arguments.of("*/scale matches the scale of any resource",
                        res(BOB, "get", "apps", "deployments", "scale", "team", "web"), true,
                        "RBAC: allowed by RoleBinding \"bob-settings/team\" of Role \"settings-editor\" to User \"bob\""),
                Arguments.of("*/scale does not match the resource itself",
                        res(BOB, "get", "apps", "deployments", "", "team", "web"), false, ""),
                Arguments.of("a ServiceAccount subject without namespace means the binding's namespace",
                        res(SA, "create", "", "secrets", "", "team", ""), true,
                        "RBAC: allowed by RoleBinding \"builder/team\" of ClusterRole \"edit\" to ServiceAccount \"builder/team\""),
                Arguments.of("edit includes view (aggregation)",
                        res(SA, "watch", "batch", "jobs", "", "team", ""), true,
                        "RBAC: allowed by RoleBinding \"builder/team\" of ClusterRole \"edit\" to ServiceAccount \"builder/team\""),
                Arguments.of("edit may not touch roles (admin may)",
                        res(SA, "create", "rbac.authorization.k8s.io", "roles", "", "team", ""), false, ""),
                Arguments.of("a binding whose role is missing gives a reason",
                        res(UserInfo.of("carol", List.of(UserInfo.AUTHENTICATED)), "get", "", "pods", "", "team", "x"), false,
                        "RBAC: clusterrole.rbac.authorization.k8s.io \"no-such-role\" not found"),
                Arguments.of("system:masters via the cluster-admin binding",
                        res(UserInfo.of("root", List.of(UserInfo.MASTERS)), "delete", "", "nodes", "", "", "n1"), true,
                        "RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole \"cluster-admin\" to Group \"system:masters\""),
                Arguments.of("every authenticated user may ask what it may do (system:basic-user)",
                        res(BOB, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "", ""), true,
                        "RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\""),
                Arguments.of("discovery for the authenticated: /apis/* matches below /apis/",
                        RequestAttributes.nonResource(BOB, "get", "/apis/apps/v1"), true,
                        "RBAC: allowed by ClusterRoleBinding \"system:discovery\" of ClusterRole \"system:discovery\" to Group \"system:authenticated\""),
                Arguments.of("... but not for the anonymous",
                        RequestAttributes.nonResource(ANON, "get", "/apis/apps/v1"), false, ""),
                Arguments.of("/healthz for the anonymous (system:public-info-viewer)",
                        RequestAttributes.nonResource(ANON, "get", "/healthz"), true,
                        "RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of ClusterRole \"system:public-info-viewer\" to Group \"system:unauthenticated\""),
                Arguments.of("a non-resource URL only for its verb",
                        RequestAttributes.nonResource(ANON, "post", "/healthz"), false, ""),
                Arguments.of("the prefix of a trailing * is literal: /healthzfoo is not /healthz",
                        RequestAttributes.nonResource(ANON, "get", "/healthzfoo"), false, ""),
                Arguments.of("the scheduler binds pods",
                        res(UserInfo.of("system:kube-scheduler", List.of(UserInfo.AUTHENTICATED)), "create", "", "pods",
                                "binding", "team", "web"), true,
                        "RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" to User \"system:kube-scheduler\""),
                Arguments.of("... but does not create pods",
                        res(UserInfo.of("system:kube-scheduler", List.of(UserInfo.AUTHENTICATED)), "create", "", "pods",
                                "", "team", ""), false, ""),
                Arguments.of("... and annotates claims with their selected node (system:volume-scheduler)",
                        res(UserInfo.of("system:kube-scheduler", List.of(UserInfo.AUTHENTICATED)), "update", "",
                                "persistentvolumeclaims", "", "team", "data"), true,
                        "RBAC: allowed by ClusterRoleBinding \"system:volume-scheduler\" of ClusterRole \"system:volume-scheduler\" to User \"system:kube-scheduler\""),
                Arguments.of("... and only its own Lease",
                        res(UserInfo.of("system:kube-scheduler", List.of(UserInfo.AUTHENTICATED)), "update",
                                "coordination.k8s.io", "leases", "", "kube-system", "kube-controller-manager"), false, ""),
                Arguments.of("a kubelet gets only the proxier's reads from RBAC (system:node is empty)",
                        res(UserInfo.of("system:node:n1", List.of(UserInfo.NODES, UserInfo.AUTHENTICATED)), "update", "",
                                "nodes", "", "", "n1"), false, ""),
                Arguments.of("a kubelet may watch Endpoints everywhere, for its service proxy and cluster DNS",
                        res(UserInfo.of("system:node:n1", List.of(UserInfo.NODES, UserInfo.AUTHENTICATED)), "watch", "",
                                "endpoints", "", "", ""), true,
                        "RBAC: allowed by ClusterRoleBinding \"tugboat:node-proxier\" of ClusterRole \"system:node-proxier\" to Group \"system:nodes\""),
                Arguments.of("but not read Secrets through RBAC",
                        res(UserInfo.of("system:node:n1", List.of(UserInfo.NODES, UserInfo.AUTHENTICATED)), "list", "",
                                "secrets", "", "", ""), false, ""));
    }

    @org.junit.jupiter.api.Test
    void theAggregatedDefaultRolesStoreTheRulesTheyAggregate() {
        java.util.Map<String, ClusterRole> roles = new java.util.HashMap<>();
        BootstrapPolicy.clusterRoles().forEach(r -> roles.put(r.metadata().name(), r));
        java.util.function.BiPredicate<String, String> lists = (role, resource) -> roles.get(role).rules().stream()
                .anyMatch(r -> r.resources() != null && r.resources().contains(resource));
        assertEquals(true, lists.test("view", "pods"));
        assertEquals(false, lists.test("view", "secrets"));
        assertEquals(true, lists.test("edit", "secrets"));
        assertEquals(true, lists.test("edit", "pods"), "edit includes view");
        assertEquals(true, lists.test("admin", "rolebindings"));
        assertEquals(false, lists.test("edit", "rolebindings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsKubernetesRbac(String description, RequestAttributes request, boolean allowed, String reason) {
        Decision decision = RBAC.authorize(request);
        assertEquals(allowed ? Decision.Verdict.ALLOW : Decision.Verdict.NO_OPINION, decision.verdict(), description);
        assertEquals(reason, decision.reason(), description);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chainAllowsMastersWithoutAskingAndOtherwiseAgreesWithRbac(String description, RequestAttributes request,
                                                                   boolean allowed, String reason) {
        Authorizer chain = Authorizer.chain(RBAC);
        assertEquals(allowed, chain.authorize(request).allowed(), description);
    }
}
