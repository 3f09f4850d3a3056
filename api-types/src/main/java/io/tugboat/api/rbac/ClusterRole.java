package io.tugboat.api.rbac;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;

/**
 * A cluster-wide set of permissions: granted everywhere by a ClusterRoleBinding, or in one namespace by a
 * RoleBinding that refers to it. Shape of Kubernetes rbac.authorization.k8s.io/v1 ClusterRole.
 */
public record ClusterRole(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        AggregationRule aggregationRule,
        List<PolicyRule> rules) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "ClusterRole";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ClusterRole {
        rules = Copies.list(rules);
    }

    /** Creates a ClusterRole with {@code apiVersion} and {@code kind} filled in. */
    public static ClusterRole of(ObjectMeta metadata, AggregationRule aggregationRule, List<PolicyRule> rules) {
        return new ClusterRole(API_VERSION, KIND, metadata, aggregationRule, rules);
    }

    @Override
    public ClusterRole withApiVersion(String apiVersion) {
        return new ClusterRole(apiVersion, kind, metadata, aggregationRule, rules);
    }

    @Override
    public ClusterRole withKind(String kind) {
        return new ClusterRole(apiVersion, kind, metadata, aggregationRule, rules);
    }

    @Override
    public ClusterRole withMetadata(ObjectMeta metadata) {
        return new ClusterRole(apiVersion, kind, metadata, aggregationRule, rules);
    }

    public ClusterRole withAggregationRule(AggregationRule aggregationRule) {
        return new ClusterRole(apiVersion, kind, metadata, aggregationRule, rules);
    }

    public ClusterRole withRules(List<PolicyRule> rules) {
        return new ClusterRole(apiVersion, kind, metadata, aggregationRule, rules);
    }
}
