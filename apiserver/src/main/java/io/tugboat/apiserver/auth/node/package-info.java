/**
 * What a kubelet may do: the authorization mode {@code Node} and the NodeRestriction admission step, as
 * Kubernetes' {@code plugin/pkg/auth/authorizer/node} and {@code plugin/pkg/admission/noderestriction}.
 *
 * <p>A role cannot say "the Secrets used by pods on this node": it names kinds and names, not relationships. So
 * kubelets ({@code system:node:<name>} in {@code system:nodes}) get nothing from RBAC; the
 * {@link io.tugboat.apiserver.auth.node.NodeAuthorizer} answers for them from a
 * {@link io.tugboat.apiserver.auth.node.PodGraph}, pods → their node and pods → the objects they use, kept current
 * from the pod watch cache. What the authorizer cannot see (the name inside a create body, the node of the pod
 * being deleted) {@link io.tugboat.apiserver.auth.node.NodeRestriction} checks on the object itself. Together: a
 * stolen kubelet certificate exposes only what that node's pods already use.
 */
package io.tugboat.apiserver.auth.node;
