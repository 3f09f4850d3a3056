/**
 * The rbac.authorization.k8s.io/v1 group: who may do what. A {@link io.tugboat.api.rbac.Role} (namespaced) or
 * {@link io.tugboat.api.rbac.ClusterRole} lists {@link io.tugboat.api.rbac.PolicyRule}s; a
 * {@link io.tugboat.api.rbac.RoleBinding} or {@link io.tugboat.api.rbac.ClusterRoleBinding} grants one role to
 * {@link io.tugboat.api.rbac.Subject}s (users, groups, service accounts).
 *
 * <pre>
 *   ClusterRoleBinding ──► ClusterRole      rules apply in every namespace and to cluster-scoped resources
 *   RoleBinding (ns)   ──► ClusterRole      the ClusterRole's rules, but only inside ns
 *   RoleBinding (ns)   ──► Role (ns)        the Role's rules inside ns
 * </pre>
 *
 * Permissions only add up: there are no deny rules. The API server evaluates these objects in
 * {@code io.tugboat.apiserver.auth.rbac}; docs/security.md explains how to grant a user access.
 */
package io.tugboat.api.rbac;
