package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.apiserver.auth.CachedObjects;
import io.tugboat.apiserver.registry.Registry;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The server's {@link RbacPolicy}: the four RBAC kinds as the API server's watch caches hold them, indexed by
 * namespace and name. A role or binding written a moment ago becomes effective as soon as the cache has seen it
 * (the same moment a watch client would).
 */
public final class CachedRbacPolicy implements RbacPolicy {
    private final CachedObjects<Role> roles;
    private final CachedObjects<ClusterRole> clusterRoles;
    private final CachedObjects<RoleBinding> roleBindings;
    private final CachedObjects<ClusterRoleBinding> clusterRoleBindings;

    public CachedRbacPolicy(Map<io.tugboat.api.ResourceKind<?>, Registry> registries) {
        roles = new CachedObjects<>(registries.get(ResourceKinds.ROLES).cache(), Role.class);
        clusterRoles = new CachedObjects<>(registries.get(ResourceKinds.CLUSTER_ROLES).cache(), ClusterRole.class);
        roleBindings = new CachedObjects<>(registries.get(ResourceKinds.ROLE_BINDINGS).cache(), RoleBinding.class);
        clusterRoleBindings = new CachedObjects<>(registries.get(ResourceKinds.CLUSTER_ROLE_BINDINGS).cache(),
                ClusterRoleBinding.class);
    }

    @Override
    public Collection<ClusterRoleBinding> clusterRoleBindings() {
        return clusterRoleBindings.list("");
    }

    @Override
    public Collection<RoleBinding> roleBindings(String namespace) {
        return roleBindings.list(namespace);
    }

    @Override
    public Optional<ClusterRole> clusterRole(String name) {
        return clusterRoles.get("", name);
    }

    @Override
    public Optional<Role> role(String namespace, String name) {
        return roles.get(namespace, name);
    }

    @Override
    public Collection<ClusterRole> clusterRoles() {
        return clusterRoles.list("");
    }
}
