package io.tugboat.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificates in a real TLS 1.3 handshake over loopback, the way the API server will use them: the server
 * requires a client certificate from the cluster CA, the client checks the server's name against its SANs, and
 * the server reads the user and groups from the client's subject.
 */
class TlsHandshakeTest {
    @TempDir
    Path dir;

    @Test
    void mutualTlsAuthenticatesTheClientAsItsCommonNameAndOrganizations() throws Exception {
        ClusterPki pki = new ClusterPki(dir, Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(), InetAddress.getByName("10.96.0.1"));
        X509Certificate ca = pki.ca().certificate();

        try (SSLServerSocket server = (SSLServerSocket) context(pki.read(ClusterPki.APISERVER), ca)
                .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    String name = ((X509Certificate) accepted.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                    accepted.getOutputStream().write(1);
                    return name;
                } catch (IOException e) {
                    return "failed: " + e;
                }
            });
            try (SSLSocket client = connect(context(pki.read(ClusterPki.ADMIN), ca), server.getLocalPort())) {
                assertEquals(1, client.getInputStream().read());
            }
            assertEquals("CN=kubernetes-admin,O=system:masters", peer.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() throws Exception {
        ClusterPki pki = new ClusterPki(dir.resolve("cluster"), Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(), InetAddress.getByName("10.96.0.1"));
        ClusterPki rogue = new ClusterPki(dir.resolve("rogue"), Clock.systemUTC());
        rogue.ensureControlPlane(List.of(), List.of(), InetAddress.getByName("10.96.0.1"));
        X509Certificate ca = pki.ca().certificate();

        try (SSLServerSocket server = (SSLServerSocket) context(pki.read(ClusterPki.APISERVER), ca)
                .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<Exception> refusal = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    accepted.getOutputStream().write(1);
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            // The rogue admin trusts the real CA (so it would accept the server), but its own certificate is
            // signed by the rogue CA: the server ends the handshake. The client sees that as an alert or as a
            // closed socket, depending on timing; the server's side is the one to check.
            assertThrows(IOException.class, () -> {
                try (SSLSocket client = connect(context(rogue.read(ClusterPki.ADMIN), ca), server.getLocalPort())) {
                    client.getInputStream().read();
                }
            });
            Exception refused = refusal.get(10, TimeUnit.SECONDS);
            assertInstanceOf(SSLHandshakeException.class, refused);
        }
    }

    private static SSLSocket connect(SSLContext context, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // check 127.0.0.1 against the SANs, as kubectl does
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext context(Credentials own, X509Certificate ca) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("own", own.key(), new char[0], new Certificate[] {own.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
        return context;
    }
}
