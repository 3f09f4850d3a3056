package io.tugboat.kubelet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubelet.runtime.FakeRuntime;
import io.tugboat.pki.CertificateAuthority;
import io.tugboat.pki.CertificateRequest;
import io.tugboat.pki.ClusterPki;
import io.tugboat.pki.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet's HTTPS port with real certificates from {@code tug certs}' code: only the API server's kubelet
 * client gets through; no certificate is 401, another verified identity 403, a certificate of another CA fails the
 * handshake; and a connection serves exactly one request, so a refused upgrade can never become a tunnel.
 */
class KubeletServerTlsTest {
    private static final String NODE = "n1";

    @TempDir
    Path dir;
    private ClusterPki pki;
    private KubeletServer server;

    @BeforeEach
    void start() throws Exception {
        pki = new ClusterPki(dir, Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(), InetAddress.getByName("10.96.0.1"));
        pki.ensureNode(NODE, List.of());
        KubeletTls tls = new KubeletTls(pki.certificate(ClusterPki.nodeServing(NODE)), pki.key(ClusterPki.nodeServing(NODE)),
                pki.certificate(ClusterPki.CA), KubeletAuthorizer.apiServerOnly());
        server = new KubeletServer("127.0.0.1", 0, new ContainerLogsHandler(NODE, new FakeRuntime()), null, tls).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theApiServersKubeletClientIsServed() throws Exception {
        HttpResponse<String> response = get(ClusterPki.APISERVER_KUBELET_CLIENT, "/containerLogs/default/web/main");
        // past authorization: the (fake) runtime has no such container
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("container \"main\" in pod \"web\" is waiting to start: ContainerCreating", response.body());
    }

    @Test
    void aRequestWithoutACertificateIsUnauthorizedExceptHealth() throws Exception {
        HttpResponse<String> logs = get(null, "/containerLogs/default/web/main");
        assertEquals(401, logs.statusCode());
        assertEquals("Unauthorized", logs.body());
        HttpResponse<String> health = get(null, "/healthz");
        assertEquals(200, health.statusCode());
    }

    @Test
    void otherVerifiedIdentitiesAreForbidden() throws Exception {
        HttpResponse<String> admin = get(ClusterPki.ADMIN, "/containerLogs/default/web/main");
        assertEquals(403, admin.statusCode());
        assertEquals("Forbidden (user=kubernetes-admin, verb=get, resource=nodes, subresource(s)=[proxy])", admin.body());
        HttpResponse<String> node = get(ClusterPki.nodeClient(NODE), "/containerLogs/default/web/main");
        assertEquals(403, node.statusCode());
        assertEquals("Forbidden (user=system:node:n1, verb=get, resource=nodes, subresource(s)=[proxy])", node.body());
    }

    @Test
    void aCertificateFromAnotherCaFailsTheHandshake() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger-ca", Clock.systemUTC());
        Credentials forged = stranger.issue(CertificateRequest.client(ClusterPki.APISERVER_KUBELET_CLIENT_USER, "system:masters"));
        HttpClient client = HttpClient.newBuilder().sslContext(context(forged, stranger.certificate())).build();
        HttpRequest request = HttpRequest.newBuilder(url("/containerLogs/default/web/main")).timeout(Duration.ofSeconds(30)).build();
        assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .timeout(Duration.ofSeconds(30)).build();
        assertThrows(IOException.class, () -> plain.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * CVE-2018-1002105's class: a request that asks for an upgrade and is answered with anything but 101 must leave
     * nothing open. The kubelet answers once and closes, and a request the client pipelined behind it is never read
     * as a request of its own.
     */
    @Test
    void aLogRequestAskingForAnUpgradeIsAnsweredOnceAndTheConnectionClosed() throws Exception {
        SSLContext context = context(pki.read(ClusterPki.APISERVER_KUBELET_CLIENT), pki.ca().certificate());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            String upgrade = "GET /containerLogs/default/web/main HTTP/1.1\r\nHost: kubelet\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
            String second = "GET /healthz HTTP/1.1\r\nHost: kubelet\r\n\r\n";
            socket.getOutputStream().write((upgrade + second).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readToEnd(socket.getInputStream()); // returns only when the kubelet closes
            Matcher statusLines = Pattern.compile("(?m)^HTTP/1\\.1 (\\d{3})").matcher(answer);
            assertTrue(statusLines.find(), answer);
            assertEquals("400", statusLines.group(1), answer);
            assertFalse(statusLines.find(), "a second response on the same connection:\n" + answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        }
    }

    private HttpResponse<String> get(String clientBase, String path) throws Exception {
        X509Certificate ca = pki.ca().certificate();
        SSLContext context = context(clientBase == null ? null : pki.read(clientBase), ca);
        HttpClient client = HttpClient.newBuilder().sslContext(context).build();
        return client.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Trusts {@code ca}; presents {@code credentials} when not null. */
    static SSLContext context(Credentials credentials, X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustFactory.init(trust);
        KeyManagerFactory keyFactory = null;
        if (credentials != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", credentials.key(), new char[0], new Certificate[] {credentials.certificate()});
            keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyFactory.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyFactory == null ? null : keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
        return context;
    }
}
