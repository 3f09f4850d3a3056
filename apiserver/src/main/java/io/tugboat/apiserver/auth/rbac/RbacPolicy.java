package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import java.util.Collection;
import java.util.Optional;

/**
 * The roles and bindings the RBAC authorizer reads: in the server, an index kept current by watching the API
 * server's own caches ({@link CachedRbacPolicy}); in tests, a fixed set ({@link #of}). Implementations answer
 * from memory, never from etcd, and are thread-safe.
 */
public interface RbacPolicy {
    Collection<ClusterRoleBinding> clusterRoleBindings();

    /** The RoleBindings of one namespace. */
    Collection<RoleBinding> roleBindings(String namespace);

    Optional<ClusterRole> clusterRole(String name);

    Optional<Role> role(String namespace, String name);

    Collection<ClusterRole> clusterRoles();

    /** A fixed policy (tests, and reasoning about a role before it is stored). */
    static RbacPolicy of(Collection<? extends io.tugboat.api.meta.KubernetesObject> objects) {
        return new FixedRbacPolicy(objects);
    }
}
