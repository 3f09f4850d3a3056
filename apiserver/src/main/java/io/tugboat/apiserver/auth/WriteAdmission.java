package io.tugboat.apiserver.auth;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import java.util.List;

/**
 * Admission that depends on who writes: runs after authorization allowed a create, update or delete, with the
 * object about to be stored (and the one it replaces), and refuses by throwing an
 * {@link io.tugboat.apiserver.rest.ApiError} (403 for Kubernetes' NodeRestriction and RBAC escalation checks).
 * Kubernetes runs these as validating admission plugins; Tugboat calls them from the resource handler, before the
 * registry's own defaulting and validation.
 */
@FunctionalInterface
public interface WriteAdmission {
    enum Operation { CREATE, UPDATE, DELETE }

    /**
     * One write.
     *
     * @param object the new object (CREATE, UPDATE), null for DELETE
     * @param old    the stored object (UPDATE, DELETE; null if not found), null for CREATE
     */
    record Attributes(UserInfo user, Operation operation, ResourceKind<?> kind, String subresource, String namespace,
                      String name, KubernetesObject object, KubernetesObject old) {
        public Attributes {
            subresource = subresource == null ? "" : subresource;
            namespace = namespace == null ? "" : namespace;
            name = name == null ? "" : name;
        }
    }

    void admit(Attributes attributes);

    /** Admits everything. */
    WriteAdmission NONE = attributes -> { };

    /** Runs each in order; the first refusal wins. */
    static WriteAdmission all(List<WriteAdmission> admissions) {
        List<WriteAdmission> copy = List.copyOf(admissions);
        return attributes -> copy.forEach(a -> a.admit(attributes));
    }
}
