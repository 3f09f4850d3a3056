package io.tugboat.api.rbac;


/**
 * The role a binding grants: a {@code Role} (same namespace as the binding) or a {@code ClusterRole}. Immutable
 * once the binding exists.
 */
public record RoleRef(
        String apiGroup,
        String kind,
        String name) {
    public RoleRef withApiGroup(String apiGroup) {
        return new RoleRef(apiGroup, kind, name);
    }

    public RoleRef withKind(String kind) {
        return new RoleRef(apiGroup, kind, name);
    }

    public RoleRef withName(String name) {
        return new RoleRef(apiGroup, kind, name);
    }
}
