package io.tugboat.api.defaulting;

import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import java.util.List;

/**
 * rbac.authorization.k8s.io/v1 defaults ({@code pkg/apis/rbac/v1/defaults.go}): a roleRef without an apiGroup and
 * User/Group subjects without one get {@code rbac.authorization.k8s.io}; ServiceAccount subjects keep {@code ""}.
 */
final class RbacDefaults {
    private static final String GROUP = "rbac.authorization.k8s.io";

    private RbacDefaults() {
    }

    static RoleBinding roleBinding(RoleBinding b) {
        return b.withRoleRef(roleRef(b.roleRef())).withSubjects(subjects(b.subjects()));
    }

    static ClusterRoleBinding clusterRoleBinding(ClusterRoleBinding b) {
        return b.withRoleRef(roleRef(b.roleRef())).withSubjects(subjects(b.subjects()));
    }

    private static RoleRef roleRef(RoleRef ref) {
        if (ref == null || (ref.apiGroup() != null && !ref.apiGroup().isEmpty())) {
            return ref;
        }
        return new RoleRef(GROUP, ref.kind(), ref.name());
    }

    private static List<Subject> subjects(List<Subject> subjects) {
        if (subjects == null) {
            return null;
        }
        return subjects.stream().map(s -> s == null || (s.apiGroup() != null && !s.apiGroup().isEmpty())
                || !(Subject.USER.equals(s.kind()) || Subject.GROUP.equals(s.kind())) ? s : s.withApiGroup(GROUP)).toList();
    }
}
