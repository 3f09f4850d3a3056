package io.tugboat.kubelet.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the kubelet's HTTPS port proves who it is and checks who calls it — the kubelet's {@code --tls-cert-file},
 * {@code --tls-private-key-file} and {@code --client-ca-file}, plus the static policy that stands in for
 * Kubernetes' webhook authorization ({@link KubeletAuthorizer}).
 *
 * <p>A {@link io.tugboat.kubelet.KubeletConfig} without one serves plain HTTP on loopback only: what in-process
 * test kubelets use, and what {@code tug kubelet} does only when told {@code --insecure-http}.
 *
 * @param certFile     the serving certificate (PEM), signed by the cluster CA, with the node's names and addresses
 * @param keyFile      its private key (PKCS#8 PEM)
 * @param clientCaFile the CA whose client certificates are accepted (PEM)
 * @param authorizer   which verified identities may use the port
 */
public record KubeletTls(Path certFile, Path keyFile, Path clientCaFile, KubeletAuthorizer authorizer) {
    public KubeletTls {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(clientCaFile, "clientCaFile");
        Objects.requireNonNull(authorizer, "authorizer");
    }
}
