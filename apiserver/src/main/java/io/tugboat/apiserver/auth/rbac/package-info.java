/**
 * Role-based access control, the authorization mode {@code RBAC}, as Kubernetes' {@code plugin/pkg/auth/authorizer/rbac}
 * and {@code pkg/registry/rbac}. Read in this order:
 *
 * <ol>
 *   <li>{@link io.tugboat.apiserver.auth.rbac.RuleMatcher}: whether one rule covers one request (verbs, groups,
 *       {@code pods/status}-style subresources, {@code *}, resourceNames, non-resource URLs with a trailing
 *       {@code *}) and whether a subject names a user.</li>
 *   <li>{@link io.tugboat.apiserver.auth.rbac.RbacAuthorizer}: walks the bindings that name the user and the rules
 *       of their roles; the first rule that matches allows. It reads an
 *       {@link io.tugboat.apiserver.auth.rbac.RbacPolicy}, in the server the API server's own watch caches
 *       ({@link io.tugboat.apiserver.auth.rbac.CachedRbacPolicy}), never etcd per request.</li>
 *   <li>{@link io.tugboat.apiserver.auth.rbac.BootstrapPolicy} and
 *       {@link io.tugboat.apiserver.auth.rbac.PolicyReconciler}: the default roles (cluster-admin, admin, edit,
 *       view, system:*) put in place at start without overwriting an administrator's edits.</li>
 *   <li>{@link io.tugboat.apiserver.auth.rbac.Escalation}: nobody grants, through a role or a binding, more than
 *       they hold, unless allowed to {@code escalate} or {@code bind}.</li>
 * </ol>
 *
 * The user-facing side (granting access with a RoleBinding, the default roles) is in docs/security.md.
 */
package io.tugboat.apiserver.auth.rbac;
