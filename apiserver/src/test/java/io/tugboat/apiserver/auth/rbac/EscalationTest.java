package io.tugboat.apiserver.auth.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import io.tugboat.apiserver.auth.Authorizer;
import io.tugboat.apiserver.auth.UserInfo;
import io.tugboat.apiserver.auth.WriteAdmission;
import io.tugboat.apiserver.rest.ApiError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escalation checks: alice is admin of "team" (may write roles and bindings there), nothing more. */
class EscalationTest {
    static final UserInfo ALICE = UserInfo.of("alice", List.of(UserInfo.AUTHENTICATED));
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    static Escalation escalation(List<KubernetesObject> extra) {
        List<KubernetesObject> policy = new ArrayList<>();
        policy.addAll(BootstrapPolicy.clusterRoles());
        policy.addAll(BootstrapPolicy.clusterRoleBindings());
        policy.add(RoleBinding.of(RbacAuthorizerTest.meta("team", "alice-admin"), List.of(Subject.user("alice")),
                new RoleRef(RBAC_GROUP, "ClusterRole", "admin")));
        policy.addAll(extra);
        RbacAuthorizer rbac = new RbacAuthorizer(RbacPolicy.of(policy));
        return new Escalation(rbac, Authorizer.chain(rbac));
    }

    static WriteAdmission.Attributes create(io.tugboat.api.ResourceKind<?> kind, String ns, KubernetesObject object) {
        return new WriteAdmission.Attributes(ALICE, WriteAdmission.Operation.CREATE, kind, "", ns, "", object, null);
    }

    static Role role(String name, PolicyRule... rules) {
        return Role.of(RbacAuthorizerTest.meta("team", name), List.of(rules));
    }

    @Test
    void aRoleWithinWhatTheUserHoldsIsAllowed() {
        escalation(List.of()).admit(create(ResourceKinds.ROLES, "team",
                role("pod-reader", PolicyRule.resources(List.of("get", "list"), List.of(""), List.of("pods")))));
    }

    @Test
    void aRoleGrantingMoreIsRefusedListingWhatIsMissing() {
        ApiError error = assertThrows(ApiError.class, () -> escalation(List.of()).admit(create(ResourceKinds.ROLES, "team",
                role("node-reader", PolicyRule.resources(List.of("get", "list"), List.of(""), List.of("pods", "nodes")),
                        PolicyRule.resources(List.of("escalate"), List.of(RBAC_GROUP), List.of("roles"))))));
        assertEquals(403, error.code());
        assertEquals("roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: user \"alice\" "
                + "(groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"
                + "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}\n"
                + "{APIGroups:[\"rbac.authorization.k8s.io\"], Resources:[\"roles\"], Verbs:[\"escalate\"]}",
                error.getMessage());
    }

    @Test
    void theSameRoleInANamespaceWhereTheUserHoldsNothingIsRefused() {
        Role elsewhere = Role.of(RbacAuthorizerTest.meta("other", "pod-reader"),
                List.of(PolicyRule.resources(List.of("get"), List.of(""), List.of("pods"))));
        assertThrows(ApiError.class, () -> escalation(List.of()).admit(create(ResourceKinds.ROLES, "other", elsewhere)));
    }

    @Test
    void theEscalateVerbLetsAUserWriteAnyRole() {
        ClusterRole escalator = ClusterRole.of(RbacAuthorizerTest.meta(null, "escalator"), null,
                List.of(PolicyRule.resources(List.of("escalate"), List.of(RBAC_GROUP), List.of("roles"))));
        ClusterRoleBinding binding = ClusterRoleBinding.of(RbacAuthorizerTest.meta(null, "alice-escalates"),
                List.of(Subject.user("alice")), new RoleRef(RBAC_GROUP, "ClusterRole", "escalator"));
        escalation(List.of(escalator, binding)).admit(create(ResourceKinds.ROLES, "team",
                role("everything", PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")))));
    }

    @Test
    void bindingARoleTheUserHoldsIsAllowedAndOneItDoesNotIsRefused() {
        Escalation escalation = escalation(List.of());
        escalation.admit(create(ResourceKinds.ROLE_BINDINGS, "team", RoleBinding.of(RbacAuthorizerTest.meta("team", "bob-view"),
                List.of(Subject.user("bob")), new RoleRef(RBAC_GROUP, "ClusterRole", "view"))));
        ApiError error = assertThrows(ApiError.class, () -> escalation.admit(create(ResourceKinds.ROLE_BINDINGS, "team",
                RoleBinding.of(RbacAuthorizerTest.meta("team", "bob-admin"), List.of(Subject.user("bob")),
                        new RoleRef(RBAC_GROUP, "ClusterRole", "cluster-admin")))));
        assertEquals(403, error.code());
        assertEquals(true, error.getMessage().startsWith("rolebindings.rbac.authorization.k8s.io \"bob-admin\" is forbidden: "
                + "user \"alice\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"),
                error.getMessage());
        error = assertThrows(ApiError.class, () -> escalation.admit(create(ResourceKinds.ROLE_BINDINGS, "team",
                RoleBinding.of(RbacAuthorizerTest.meta("team", "bob-x"), List.of(Subject.user("bob")),
                        new RoleRef(RBAC_GROUP, "ClusterRole", "missing")))));
        assertEquals("rolebindings.rbac.authorization.k8s.io \"bob-x\" is forbidden: "
                + "clusterrole.rbac.authorization.k8s.io \"missing\" not found", error.getMessage());
    }

    @Test
    void theBindVerbOnANamedRoleLetsAUserBindIt() {
        ClusterRole binder = ClusterRole.of(RbacAuthorizerTest.meta(null, "binder"), null, List.of(new PolicyRule(
                List.of("bind"), List.of(RBAC_GROUP), List.of("clusterroles"), List.of("cluster-admin"), null)));
        ClusterRoleBinding binding = ClusterRoleBinding.of(RbacAuthorizerTest.meta(null, "alice-binds"),
                List.of(Subject.user("alice")), new RoleRef(RBAC_GROUP, "ClusterRole", "binder"));
        escalation(List.of(binder, binding)).admit(create(ResourceKinds.CLUSTER_ROLE_BINDINGS, "",
                ClusterRoleBinding.of(RbacAuthorizerTest.meta(null, "bob-admin"), List.of(Subject.user("bob")),
                        new RoleRef(RBAC_GROUP, "ClusterRole", "cluster-admin"))));
    }

    @Test
    void mastersAreNotChecked() {
        Escalation escalation = escalation(List.of());
        escalation.admit(new WriteAdmission.Attributes(UserInfo.of("root", List.of(UserInfo.MASTERS)),
                WriteAdmission.Operation.CREATE, ResourceKinds.CLUSTER_ROLES, "", "", "",
                ClusterRole.of(RbacAuthorizerTest.meta(null, "all"), null,
                        List.of(PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")))), null));
    }

    @Test
    void coversFollowsKubernetesWildcards() {
        PolicyRule all = PolicyRule.resources(List.of("*"), List.of("*"), List.of("*"));
        PolicyRule statusOfAll = PolicyRule.resources(List.of("get"), List.of(""), List.of("*/status"));
        PolicyRule podStatus = PolicyRule.resources(List.of("get"), List.of(""), List.of("pods/status"));
        PolicyRule named = new PolicyRule(List.of("get"), List.of(""), List.of("pods"), List.of("web"), null);
        PolicyRule pods = PolicyRule.resources(List.of("get"), List.of(""), List.of("pods"));
        assertEquals(List.of(), Escalation.missing(List.of(all), List.of(podStatus, named)));
        assertEquals(List.of(), Escalation.missing(List.of(statusOfAll), List.of(podStatus)));
        assertEquals(List.of(), Escalation.missing(List.of(pods), List.of(named)));
        assertEquals(List.of(pods), Escalation.missing(List.of(named), List.of(pods)));
        assertEquals(List.of(), Escalation.missing(List.of(PolicyRule.urls(List.of("get"), List.of("/healthz/*"))),
                List.of(PolicyRule.urls(List.of("get"), List.of("/healthz/etcd")))));
    }
}
