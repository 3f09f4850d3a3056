package io.tugboat.api.rbac;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;

/**
 * Grants a ClusterRole to subjects in every namespace and on cluster-scoped resources and non-resource URLs.
 * Shape of Kubernetes rbac.authorization.k8s.io/v1 ClusterRoleBinding; roleRef cannot change once created.
 */
public record ClusterRoleBinding(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<Subject> subjects,
        RoleRef roleRef) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "ClusterRoleBinding";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ClusterRoleBinding {
        subjects = Copies.list(subjects);
    }

    /** Creates a ClusterRoleBinding with {@code apiVersion} and {@code kind} filled in. */
    public static ClusterRoleBinding of(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        return new ClusterRoleBinding(API_VERSION, KIND, metadata, subjects, roleRef);
    }

    @Override
    public ClusterRoleBinding withApiVersion(String apiVersion) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    @Override
    public ClusterRoleBinding withKind(String kind) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    @Override
    public ClusterRoleBinding withMetadata(ObjectMeta metadata) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public ClusterRoleBinding withSubjects(List<Subject> subjects) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public ClusterRoleBinding withRoleRef(RoleRef roleRef) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }
}
