/**
 * Who is asking, and may they: the API server's authentication and authorization, as Kubernetes splits them.
 *
 * <pre>
 *   request ──► authenticate ──► UserInfo ──► RequestAttributes ──► Authorizer ──► handler
 *               (client cert,     (name,       (user, verb, group,     (Node, RBAC:
 *                bearer token)     groups)      resource, ns, name)     first ALLOW or DENY wins)
 *               none: 401                                               nobody allows: 403
 * </pre>
 *
 * <p>Authentication only says who the caller is; it never refuses a request by itself except when
 * credentials were offered and are wrong, or none were offered where anonymous access is not allowed (401).
 * Authorization sees only {@link io.tugboat.apiserver.auth.RequestAttributes}, never the HTTP request, so each
 * authorizer is pure logic tested as a table. Several authorizers are chained as Kubernetes'
 * {@code --authorization-mode=Node,RBAC}: the first that answers ALLOW or DENY decides; if all have no opinion the
 * request is forbidden.
 */
package io.tugboat.apiserver.auth;
