package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An immutable {@link RbacPolicy} over a list of roles and bindings. */
final class FixedRbacPolicy implements RbacPolicy {
    private final List<KubernetesObject> objects;

    FixedRbacPolicy(Collection<? extends KubernetesObject> objects) {
        this.objects = List.copyOf(objects);
    }

    private <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public Collection<ClusterRoleBinding> clusterRoleBindings() {
        return all(ClusterRoleBinding.class);
    }

    @Override
    public Collection<RoleBinding> roleBindings(String namespace) {
        return all(RoleBinding.class).stream().filter(b -> Objects.equals(b.metadata().namespace(), namespace)).toList();
    }

    @Override
    public Optional<ClusterRole> clusterRole(String name) {
        return all(ClusterRole.class).stream().filter(r -> r.metadata().name().equals(name)).findFirst();
    }

    @Override
    public Optional<Role> role(String namespace, String name) {
        return all(Role.class).stream().filter(r -> Objects.equals(r.metadata().namespace(), namespace)
                && r.metadata().name().equals(name)).findFirst();
    }

    @Override
    public Collection<ClusterRole> clusterRoles() {
        return all(ClusterRole.class);
    }
}
