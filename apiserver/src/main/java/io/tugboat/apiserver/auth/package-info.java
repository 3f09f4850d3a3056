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
 *
 * <p>The pieces, in the order a request meets them (the HTTP edge, {@code server.HttpRequestHandler}, calls the
 * first and the last):
 * <ul>
 *   <li>{@link io.tugboat.apiserver.auth.RequestAuthenticator}: Kubernetes' union — {@link
 *       io.tugboat.apiserver.auth.X509Authenticator} (the TLS client certificate against {@code --client-ca-file}),
 *       then {@link io.tugboat.apiserver.auth.TokenFile} for {@code Authorization: Bearer} and the WebSocket bearer
 *       subprotocol; anonymous only on /healthz, /livez, /readyz, /version. It strips the credentials.</li>
 *   <li>{@link io.tugboat.apiserver.auth.RequestInfoResolver}: URL and method to {@link
 *       io.tugboat.apiserver.auth.RequestAttributes}, exactly as Kubernetes' RequestInfoFactory (list vs get, watch,
 *       deletecollection, subresources, non-resource paths).</li>
 *   <li>{@link io.tugboat.apiserver.auth.RequestAuthorizer}: asks the chained authorizer and answers 403 with
 *       Kubernetes' message; WebSocket exec/attach/portforward must also be allowed {@code create}.</li>
 *   <li>{@link io.tugboat.apiserver.auth.AuthorizationModes}: the {@code --authorization-mode} names, each a factory
 *       that builds its authorizer from the API server's registries — where RBAC and Node are plugged in.</li>
 * </ul>
 * See docs/security.md.
 */
package io.tugboat.apiserver.auth;
