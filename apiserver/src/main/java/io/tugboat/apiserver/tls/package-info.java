/**
 * TLS at the API server's edges, in both directions, from PEM files as Kubernetes components read them.
 *
 * <pre>
 *   kubectl, components ──TLS──► API server ──TLS──► etcd        (--etcd-cafile/--etcd-certfile/--etcd-keyfile)
 *   (client certificate         (--tls-cert-file,  └──TLS──► kubelets (--kubelet-certificate-authority,
 *    or bearer token)            --client-ca-file)               --kubelet-client-certificate/-key)
 * </pre>
 *
 * <p>{@link io.tugboat.apiserver.tls.ServingTls} is the server side: the serving certificate (or a self-signed one,
 * as kube-apiserver makes when none is given) and the client-CA list. As in Kubernetes, TLS only <em>requests</em> a
 * client certificate and checks that the client holds its key; whether the certificate was issued by the client CA
 * is decided by {@link io.tugboat.apiserver.auth.X509Authenticator}, so that a token user connects without one and a
 * wrong certificate is a 401 Status rather than a failed handshake. {@link io.tugboat.apiserver.tls.ClientTls} is the
 * client side: whom to trust and which certificate to present, for etcd and for kubelets, with the server's name
 * checked against its certificate. See docs/security.md.
 */
package io.tugboat.apiserver.tls;
