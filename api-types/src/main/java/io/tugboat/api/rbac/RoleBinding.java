package io.tugboat.api.rbac;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.List;

/**
 * Grants a Role or ClusterRole to subjects within the binding's namespace. Shape of Kubernetes
 * rbac.authorization.k8s.io/v1 RoleBinding; roleRef cannot change once created.
 */
public record RoleBinding(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<Subject> subjects,
        RoleRef roleRef) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "RoleBinding";

    /** Collections are copied, so a record never shares mutable state with its caller. */
    public RoleBinding {
        subjects = Copies.list(subjects);
    }

    /** Creates a RoleBinding with {@code apiVersion} and {@code kind} filled in. */
    public static RoleBinding of(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        return new RoleBinding(API_VERSION, KIND, metadata, subjects, roleRef);
    }

    @Override
    public RoleBinding withApiVersion(String apiVersion) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    @Override
    public RoleBinding withKind(String kind) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    @Override
    public RoleBinding withMetadata(ObjectMeta metadata) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public RoleBinding withSubjects(List<Subject> subjects) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }

    public RoleBinding withRoleRef(RoleRef roleRef) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }
}
