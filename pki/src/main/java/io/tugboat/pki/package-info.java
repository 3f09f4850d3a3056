/**
 * The cluster's public-key infrastructure: one certificate authority and the certificates it issues to every
 * party that talks over TLS — what {@code tug certs} writes and {@code tug up} uses.
 *
 * <h2>Who holds which certificate</h2>
 * <pre>
 *                                 ca.crt / ca.key  (the cluster CA: signs everything below)
 *                                         │
 *   serving certificates ─────────────────┼──────────────── client certificates (CN = user, O = groups)
 *   apiserver.crt    (kubernetes, kubernetes.default.svc, │   admin.crt               CN=kubernetes-admin   O=system:masters
 *                     127.0.0.1, the node's IPs,          │   scheduler.crt           CN=system:kube-scheduler
 *                     the first service IP)               │   controller-manager.crt  CN=system:kube-controller-manager
 *   etcd-server.crt  (127.0.0.1, localhost)               │   nodes/N.crt             CN=system:node:N          O=system:nodes
 *   nodes/N-serving.crt (the kubelet's HTTPS port)        │   apiserver-kubelet-client.crt  (API server → kubelets)
 *                                                         │   apiserver-etcd-client.crt     (API server → etcd)
 * </pre>
 * The API server authenticates a client certificate signed by the CA as the user in its Common Name, in the
 * groups of its Organization fields — exactly as Kubernetes does, which is why the real kubectl works with the
 * kubeconfig Tugboat writes. The layout mirrors kubeadm's {@code /etc/kubernetes/pki}, with one CA instead of
 * three (kubeadm adds separate etcd and front-proxy CAs).
 *
 * <h2>Choices</h2>
 * <ul>
 *   <li>Keys are ECDSA P-256 (Kubernetes accepts them everywhere; generating one takes microseconds where an RSA
 *       key takes tens of milliseconds, which {@code tug up} notices). They are written as PKCS#8 PEM, readable by
 *       Go's {@code tls.X509KeyPair}, by Netty and by the JDK's {@code KeyFactory}, with file mode 0600.</li>
 *   <li>Validity as kubeadm: ten years for the CA, one year for everything it issues; {@code notBefore} is set a
 *       few minutes in the past so that a peer whose clock is slightly behind accepts a fresh certificate.</li>
 *   <li>Only issuing uses Bouncy Castle ({@link CertificateAuthority}); reading and using the PEM files
 *       ({@link Pem}) needs nothing but the JDK, so components do not depend on this module's library.</li>
 * </ul>
 * See docs/security.md.
 */
package io.tugboat.pki;
