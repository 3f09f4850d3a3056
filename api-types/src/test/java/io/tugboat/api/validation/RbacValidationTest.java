package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.notSupported;
import static io.tugboat.api.validation.Causes.required;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.KubernetesObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Roles and bindings ({@code pkg/apis/rbac/validation}), after defaulting as the API server does. */
class RbacValidationTest {
    static final String ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: pod-reader, namespace: team}
            rules: [{apiGroups: [''], resources: [pods], verbs: [get, list]}]
            """;
    static final String CLUSTER_ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: 'system:health'}
            rules: [{nonResourceURLs: [/healthz], verbs: [get]}]
            """;
    static final String BINDING = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: alice-view, namespace: team}
            subjects: [{kind: User, name: alice}, {kind: ServiceAccount, name: builder}]
            roleRef: {kind: ClusterRole, name: view}
            """;
    static final String CLUSTER_BINDING = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admin}
            subjects: [{kind: Group, name: ops}]
            roleRef: {kind: ClusterRole, name: cluster-admin}
            """;

    static Stream<Case> cases() {
        return Stream.of(
                Case.of("a role with a resource rule is valid", ROLE, "{}"),
                Case.of("names need only fit in a path segment: colons are fine", CLUSTER_ROLE, "{}"),
                Case.of("a rule needs verbs", ROLE, "rules: [{apiGroups: [''], resources: [pods]}]",
                        required("rules[0].verbs", "verbs must contain at least one value")),
                Case.of("a resource rule needs groups and resources", ROLE, "rules: [{verbs: [get]}]",
                        required("rules[0].apiGroups", "resource rules must supply at least one api group"),
                        required("rules[0].resources", "resource rules must supply at least one resource")),
                Case.of("a namespaced role cannot name URLs", ROLE, "rules: [{verbs: [get], nonResourceURLs: [/healthz]}]",
                        invalid("rules[0].nonResourceURLs", "[\"/healthz\"]: namespaced rules cannot apply to non-resource URLs")),
                Case.of("a rule is about resources or URLs, not both", CLUSTER_ROLE,
                        "rules: [{verbs: [get], nonResourceURLs: [/healthz], resources: [pods]}]",
                        invalid("rules[0].nonResourceURLs",
                                "[\"/healthz\"]: rules cannot apply to both regular resources and non-resource URLs")),
                Case.of("an aggregation rule needs selectors", CLUSTER_ROLE, "aggregationRule: {clusterRoleSelectors: []}",
                        required("aggregationRule.clusterRoleSelectors",
                                "at least one clusterRoleSelector required if aggregationRule is non-nil")),
                Case.of("a binding's groups are defaulted, a service account's namespace is the binding's", BINDING, "{}"),
                Case.of("a roleRef names a Role or ClusterRole", BINDING, "roleRef: {kind: Deployment}",
                        notSupported("roleRef.kind", "\"Deployment\": supported values: \"ClusterRole\", \"Role\"")),
                Case.of("a roleRef needs a name", BINDING, "roleRef: {name: null}", required("roleRef.name")),
                Case.of("a user subject is in the rbac group", BINDING,
                        "subjects: [{kind: User, name: alice, apiGroup: example.com}]",
                        notSupported("subjects[0].apiGroup", "\"example.com\": supported values: \"rbac.authorization.k8s.io\"")),
                Case.of("a subject needs a name and a known kind", BINDING, "subjects: [{kind: Robot}]",
                        required("subjects[0].name"),
                        notSupported("subjects[0].kind", "\"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"")),
                Case.of("a cluster binding's service account needs a namespace", CLUSTER_BINDING,
                        "subjects: [{kind: ServiceAccount, name: builder}]", required("subjects[0].namespace")),
                Case.of("a cluster binding refers to a ClusterRole only", CLUSTER_BINDING, "roleRef: {kind: Role}",
                        notSupported("roleRef.kind", "\"Role\": supported values: \"ClusterRole\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesRbacKindsLikeKubernetes(Case c) {
        assertEquals(c.expected(), c.actual());
    }

    @Test
    void aBindingsRoleRefCannotChangeButItsSubjectsMay() {
        KubernetesObject old = Defaulter.apply(Manifests.patched(BINDING, "metadata: {resourceVersion: '1'}"));
        KubernetesObject moreSubjects = Defaulter.apply(Manifests.patched(BINDING,
                "metadata: {resourceVersion: '1'}\nsubjects: [{kind: Group, name: ops}]"));
        assertEquals(List.of(), Validator.validateUpdate(moreSubjects, old));
        KubernetesObject otherRole = Defaulter.apply(Manifests.patched(BINDING,
                "metadata: {resourceVersion: '1'}\nroleRef: {name: edit}"));
        assertEquals(List.of(invalid("roleRef", "{\"APIGroup\":\"rbac.authorization.k8s.io\",\"Kind\":\"ClusterRole\","
                + "\"Name\":\"edit\"}: cannot change roleRef")), Validator.validateUpdate(otherRole, old));
    }
}
