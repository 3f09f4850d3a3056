package io.tugboat.apiserver.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tugboat.client.TlsContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the API server connects, as a client, to etcd or to a kubelet: the CA that must have issued the server's
 * certificate, and the client certificate and key it presents (PEM files, as {@code tug certs} writes them).
 * The server's name is always checked against its certificate's Subject Alternative Names.
 *
 * @param caFile   PEM CA bundle the server's certificate must chain to; {@code null}: the JDK's default trust
 * @param certFile PEM client certificate (chain); {@code null}: present none
 * @param keyFile  PEM private key of {@code certFile} (PKCS#8, or PKCS#1 RSA)
 */
public record ClientTls(Path caFile, Path certFile, Path keyFile) {
    public ClientTls {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs its key and a key its certificate");
        }
    }

    /** A Netty context (the exec/attach/portforward proxy); its handlers must be made with the peer's host name. */
    public SslContext nettyContext() {
        try {
            return nettyBuilder().build();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot build a TLS context from " + this + ": " + e.getMessage(), e);
        }
    }

    /** The Netty builder behind {@link #nettyContext()}, for callers that add to it (gRPC adds ALPN for etcd). */
    public SslContextBuilder nettyBuilder() {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (caFile != null) {
                builder.trustManager(caCertificates().toArray(X509Certificate[]::new));
            }
            if (certFile != null) {
                builder.keyManager(key(), chain().toArray(X509Certificate[]::new));
            }
            return builder;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + this + ": " + e.getMessage(), e);
        }
    }

    /** A JDK context (the log proxy's HTTP client). */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = null;
            if (caFile != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate ca : caCertificates()) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (certFile != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] password = "tugboat".toCharArray();
                store.setKeyEntry("client", key(), password, chain().toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a TLS context from " + this + ": " + e.getMessage(), e);
        }
    }

    List<X509Certificate> caCertificates() throws IOException {
        return readCertificates(caFile);
    }

    private List<X509Certificate> chain() throws IOException {
        return readCertificates(certFile);
    }

    private PrivateKey key() throws IOException {
        return readKey(keyFile);
    }

    /** Every certificate of a PEM file. */
    static List<X509Certificate> readCertificates(Path file) throws IOException {
        try {
            return TlsContexts.certificates(Files.readAllBytes(file)).stream().map(c -> (X509Certificate) c).toList();
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The private key of a PEM file. */
    static PrivateKey readKey(Path file) throws IOException {
        try {
            return TlsContexts.privateKey(Files.readAllBytes(file));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
