package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.apiserver.storage.EtcdStorage;
import io.tugboat.apiserver.storage.StorageException;
import io.tugboat.apiserver.tls.ClientTls;
import io.tugboat.pki.ClusterPki;
import io.tugboat.testsupport.EtcdExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API server as a TLS client: to an etcd that demands client certificates ({@code --client-cert-auth}), and to
 * a kubelet whose HTTPS port demands one too and presents a serving certificate from the cluster CA — for the log
 * proxy and for an exec upgrade. All certificates come from the pki module, as {@code tug certs} writes them.
 */
class ClientTlsIT {
    static final Path PKI_DIR = createPki();
    static final ClusterPki pki = new ClusterPki(PKI_DIR, Clock.systemUTC());

    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension().withClientCertAuth(pki.certificate(ClusterPki.CA),
            pki.certificate(ClusterPki.ETCD_SERVER), pki.key(ClusterPki.ETCD_SERVER));

    static TestServer api;
    static TlsKubelet kubelet;

    static Path createPki() {
        try {
            Path dir = Files.createTempDirectory("client-tls-it-");
            ClusterPki pki = new ClusterPki(dir, Clock.systemUTC());
            pki.ensureControlPlane(List.of(), List.of(), InetAddress.getByName("10.96.0.1"));
            pki.ensureNode("tls-node", List.of(InetAddress.getLoopbackAddress()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        kubelet = new TlsKubelet(pki);
        api = new TestServer(etcd, c -> c, server -> server
                .withEtcdTls(new ClientTls(pki.certificate(ClusterPki.CA), pki.certificate(ClusterPki.APISERVER_ETCD_CLIENT),
                        pki.key(ClusterPki.APISERVER_ETCD_CLIENT)))
                .withKubeletClientTls(new ClientTls(pki.certificate(ClusterPki.CA),
                        pki.certificate(ClusterPki.APISERVER_KUBELET_CLIENT), pki.key(ClusterPki.APISERVER_KUBELET_CLIENT))));
        api.post("/api/v1/nodes", PodLogIT.node("tls-node", kubelet.port()));
        api.post("/api/v1/namespaces/default/pods", PodLogIT.pod("web", "tls-node"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (api != null) {
            api.close();
        }
        if (kubelet != null) {
            kubelet.close();
        }
    }

    @Test
    void theApiServerStoresInEtcdOverTlsWithItsClientCertificate() {
        assertTrue(etcd.endpoint().startsWith("https://"), etcd.endpoint());
        assertEquals(201, api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"over-tls\"},\"data\":{\"k\":\"v\"}}").code());
        assertEquals("v", api.get("/api/v1/namespaces/default/configmaps/over-tls").json().path("data").path("k").asText());
    }

    @Test
    void etcdRefusesAClientWithoutACertificate() throws Exception {
        try (EtcdStorage anonymous = new EtcdStorage(List.of(etcd.endpoint()), Duration.ofSeconds(5),
                new ClientTls(pki.certificate(ClusterPki.CA), null, null))) {
            assertThrows(StorageException.class, anonymous::currentRevision);
        }
        try (EtcdStorage withCertificate = new EtcdStorage(List.of(etcd.endpoint()), Duration.ofSeconds(5),
                new ClientTls(pki.certificate(ClusterPki.CA), pki.certificate(ClusterPki.APISERVER_ETCD_CLIENT),
                        pki.key(ClusterPki.APISERVER_ETCD_CLIENT)))) {
            assertTrue(withCertificate.currentRevision() > 0);
        }
    }

    @Test
    void logsComeFromTheKubeletOverTlsAsTheApiServersKubeletClient() {
        TestServer.Response log = api.get("/api/v1/namespaces/default/pods/web/log?container=app");
        assertEquals(200, log.code(), log.body());
        assertEquals("hello over TLS\n", log.body());
        assertTrue(kubelet.clients.contains("CN=kube-apiserver-kubelet-client,O=system:masters"), kubelet.clients.toString());
    }

    @Test
    void anExecUpgradeReachesTheKubeletOverTls() throws Exception {
        try (Socket client = new Socket("127.0.0.1", api.server.port())) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(("GET /api/v1/namespaces/default/pods/web/exec?command=ls&container=app&stdout=true HTTP/1.1\r\n"
                    + "Host: apiserver\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = readHead(client.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
        }
        assertTrue(kubelet.requests.stream().anyMatch(r -> r.startsWith("GET /exec/default/web/app?command=ls")), kubelet.requests.toString());
    }

    @Test
    void aKubeletWhoseCertificateTheCaDidNotIssueIsNotTrusted() throws Exception {
        ClusterPki other = new ClusterPki(Files.createTempDirectory("other-ca-"), Clock.systemUTC());
        other.ensureNode("impostor", List.of(InetAddress.getLoopbackAddress()));
        try (TlsKubelet impostor = new TlsKubelet(other, "impostor", pki)) {
            api.post("/api/v1/nodes", PodLogIT.node("impostor", impostor.port()));
            api.post("/api/v1/namespaces/default/pods", PodLogIT.pod("lured", "impostor"));
            TestServer.Response log = api.get("/api/v1/namespaces/default/pods/lured/log?container=app");
            assertEquals(503, log.code(), log.body());
            assertTrue(impostor.requests.isEmpty(), "no request reached a kubelet the API server cannot verify");
        }
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    /**
     * A kubelet's HTTPS port in miniature: serving certificate {@code nodes/<name>-serving.crt}, client certificates
     * required and checked against {@code trusted}'s CA. Records who connected and the request lines; answers logs
     * with a line and exec with 101.
     */
    static final class TlsKubelet implements AutoCloseable {
        final SSLServerSocket server;
        final List<String> clients = new CopyOnWriteArrayList<>();
        final List<String> requests = new CopyOnWriteArrayList<>();

        TlsKubelet(ClusterPki pki) throws IOException {
            this(pki, "tls-node", pki);
        }

        TlsKubelet(ClusterPki own, String node, ClusterPki trusted) throws IOException {
            String serving = ClusterPki.nodeServing(node);
            server = (SSLServerSocket) new ClientTls(trusted.certificate(ClusterPki.CA), own.certificate(serving), own.key(serving))
                    .sslContext().getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setNeedClientAuth(true);
            Thread accept = new Thread(this::accept, "tls-kubelet");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    SSLSocket socket = (SSLSocket) server.accept();
                    Thread serve = new Thread(() -> serve(socket), "tls-kubelet-conn");
                    serve.setDaemon(true);
                    serve.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(SSLSocket socket) {
            try (socket) {
                socket.startHandshake();
                clients.add(((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName());
                String head = readHead(socket.getInputStream());
                requests.add(head.lines().findFirst().orElse(""));
                OutputStream out = socket.getOutputStream();
                if (head.startsWith("GET /containerLogs/")) {
                    byte[] body = "hello over TLS\n".getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } else {
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // a client that failed the handshake (the test for an untrusted kubelet) ends here
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
