package io.tugboat.api.rbac;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;

/**
 * A namespaced set of permissions, granted by a RoleBinding in the same namespace. Shape of Kubernetes
 * rbac.authorization.k8s.io/v1 Role.
 */
public record Role(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<PolicyRule> rules) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Role";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public Role {
        rules = Copies.list(rules);
    }

    /** Creates a Role with {@code apiVersion} and {@code kind} filled in. */
    public static Role of(ObjectMeta metadata, List<PolicyRule> rules) {
        return new Role(API_VERSION, KIND, metadata, rules);
    }

    @Override
    public Role withApiVersion(String apiVersion) {
        return new Role(apiVersion, kind, metadata, rules);
    }

    @Override
    public Role withKind(String kind) {
        return new Role(apiVersion, kind, metadata, rules);
    }

    @Override
    public Role withMetadata(ObjectMeta metadata) {
        return new Role(apiVersion, kind, metadata, rules);
    }

    public Role withRules(List<PolicyRule> rules) {
        return new Role(apiVersion, kind, metadata, rules);
    }
}
