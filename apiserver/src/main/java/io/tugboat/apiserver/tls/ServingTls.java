package io.tugboat.apiserver.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tugboat.pki.CertificateAuthority;
import io.tugboat.pki.CertificateRequest;
import io.tugboat.pki.Credentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTPS side of the API server: its serving certificate chain and key, and the client CAs whose names it
 * sends in the handshake so that clients pick the right certificate.
 *
 * <p>Client certificates are requested, never required (a token user has none), and TLS accepts any the client
 * proves it holds the key of: the check that the client CA issued it is the authenticator's
 * ({@link io.tugboat.apiserver.auth.X509Authenticator}), as Kubernetes splits it, so a stranger's certificate is a
 * 401 Status like a wrong token.
 *
 * @param chain     the serving certificate first, then any intermediates
 * @param key       the serving certificate's private key
 * @param clientCas the CAs client certificates are checked against; empty: no certificate is requested
 * @param selfSigned whether the chain was made up at start (no {@code --tls-cert-file})
 */
public record ServingTls(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas, boolean selfSigned) {
    public ServingTls {
        chain = List.copyOf(chain);
        clientCas = List.copyOf(clientCas);
    }

    /** {@code --tls-cert-file}, {@code --tls-private-key-file} and {@code --client-ca-file} (may be null). */
    public static ServingTls fromFiles(Path certFile, Path keyFile, Path clientCaFile) throws IOException {
        List<X509Certificate> chain = ClientTls.readCertificates(certFile);
        PrivateKey key = ClientTls.readKey(keyFile);
        List<X509Certificate> cas = clientCaFile == null ? List.of() : ClientTls.readCertificates(clientCaFile);
        return new ServingTls(chain, key, cas, false);
    }

    /** Every certificate of a PEM file ({@code --client-ca-file}). */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        return ClientTls.readCertificates(file);
    }

    /**
     * What kube-apiserver does without {@code --tls-cert-file}: a throw-away CA and a serving certificate it signs,
     * for {@code localhost}, the {@code kubernetes} service names, this host's name, loopback and
     * {@code bindAddress} (unless it is the wildcard). Clients cannot verify it unless told to trust it.
     */
    public static ServingTls selfSigned(String bindAddress, List<X509Certificate> clientCas, Clock clock) {
        CertificateAuthority ca = CertificateAuthority.create("localhost-ca@" + clock.instant().getEpochSecond(), clock);
        Set<String> dns = new LinkedHashSet<>(List.of("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"));
        Set<InetAddress> ips = new LinkedHashSet<>();
        try {
            dns.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // no host name: the others still serve
        }
        ips.add(InetAddress.getLoopbackAddress());
        try {
            InetAddress bind = InetAddress.getByName(bindAddress);
            if (!bind.isAnyLocalAddress()) {
                ips.add(bind);
            }
        } catch (UnknownHostException e) {
            dns.add(bindAddress);
        }
        Credentials serving = ca.issue(CertificateRequest.server("localhost@" + clock.instant().getEpochSecond(),
                new ArrayList<>(dns), new ArrayList<>(ips)));
        return new ServingTls(List.of(serving.certificate(), ca.certificate()), serving.key(), clientCas, true);
    }

    /** The Netty server context: TLS 1.2 and 1.3, HTTP/1.1 (no ALPN offer is accepted), client certificate wanted. */
    public SslContext nettyContext() {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(key, chain).protocols("TLSv1.3", "TLSv1.2");
            if (!clientCas.isEmpty()) {
                builder.clientAuth(ClientAuth.OPTIONAL).trustManager(new RequestAnyClientCertificate(clientCas));
            }
            return builder.build();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use the serving certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts any client certificate at the TLS layer (the handshake still proves the client holds its key) and
     * names the client CAs in the certificate request, as Go's {@code tls.RequestClientCert} with
     * {@code ClientCAs} does for kube-apiserver. Verification is the authenticator's.
     */
    private static final class RequestAnyClientCertificate extends X509ExtendedTrustManager {
        private final X509Certificate[] issuers;

        RequestAnyClientCertificate(List<X509Certificate> cas) {
            this.issuers = cas.toArray(X509Certificate[]::new);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a server-side trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a server-side trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a server-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return issuers.clone();
        }
    }
}
