package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API server's side of {@code pods/x/exec}: an upgrade proxied to the kubelet, and the CVE-2018-1002105 rules —
 * a kubelet that answers anything but 101 gets its answer passed on and both connections closed; exactly one
 * request, with only the handshake headers, ever reaches the kubelet. The kubelet here is a raw socket that
 * records every byte it receives.
 */
class ExecProxyIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestServer api;
    static FakeKubelet kubelet;

    @BeforeAll
    static void start() throws IOException {
        api = new TestServer(etcd);
        kubelet = new FakeKubelet();
        api.post("/api/v1/nodes", PodLogIT.node("exec-node", kubelet.port()));
        api.post("/api/v1/namespaces/default/pods", PodLogIT.pod("target", "exec-node"));
    }

    @AfterAll
    static void stop() throws IOException {
        kubelet.close();
        api.close();
    }

    @AfterEach
    void reset() {
        kubelet.connections.clear();
    }

    static final String UPGRADE = "GET /api/v1/namespaces/default/pods/target/exec?command=ls&container=app&stdout=true HTTP/1.1\r\n"
            + "Host: apiserver\r\n"
            + "Connection: Upgrade\r\n"
            + "Upgrade: websocket\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n"
            + "Authorization: Bearer secret-token\r\n"
            + "Cookie: session=secret-cookie\r\n\r\n";
    /** A request smuggled right behind the upgrade, as an attacker would after a failed upgrade. */
    static final String SMUGGLED = "GET /pods HTTP/1.1\r\nHost: kubelet\r\n\r\n";

    @Test
    void aRefusedUpgradeIsPassedOnAndBothConnectionsAreClosed() throws Exception {
        kubelet.refuse.set(true);
        try (Socket client = connect()) {
            client.getOutputStream().write((UPGRADE + SMUGGLED).getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            String response = readUntilClosed(client.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("\"message\":\"no upgrade for you\""), response);
            assertEquals(1, count(response, "HTTP/1.1 "), "one answer, then the connection closed; the request"
                    + " pipelined behind the upgrade is dropped: " + response);
        }
        Eventually.until("the kubelet connection closed by the API server", Duration.ofSeconds(30),
                () -> kubelet.connections.size() == 1 && kubelet.connections.get(0).closedByPeer.get());
        String seen = kubelet.connections.get(0).received();
        assertEquals(1, count(seen, "HTTP/1.1\r\n"), "exactly one request reached the kubelet: " + seen);
        assertFalse(seen.contains("/pods HTTP"), "the smuggled request never reached the kubelet: " + seen);
    }

    @Test
    void anAcceptedUpgradeRelaysBytesAndForwardsOnlyTheHandshakeHeaders() throws Exception {
        kubelet.refuse.set(false);
        try (Socket client = connect()) {
            client.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            InputStream in = client.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(head.toLowerCase().contains("sec-websocket-protocol: v5.channel.k8s.io"), head);
            client.getOutputStream().write("ping-through-the-proxy".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            byte[] echoed = in.readNBytes("ping-through-the-proxy".length());
            assertEquals("ping-through-the-proxy", new String(echoed, StandardCharsets.US_ASCII));
        }
        String seen = kubelet.connections.get(0).received();
        assertTrue(seen.startsWith("GET /exec/default/target/app?command=ls&input=0&output=1&error=1&tty=0 HTTP/1.1\r\n"), seen);
        String lower = seen.toLowerCase();
        assertTrue(lower.contains("sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==".toLowerCase()), seen);
        assertFalse(lower.contains("secret-token"), "credentials never reach the kubelet: " + seen);
        assertFalse(lower.contains("secret-cookie"), "cookies never reach the kubelet: " + seen);
    }

    @Test
    void execWithoutAnUpgradeIsABadRequest() {
        TestServer.Response response = api.post("/api/v1/namespaces/default/pods/target/exec?command=ls&container=app", "");
        assertEquals(400, response.code(), response.body());
        assertEquals("Upgrade request required", response.json().path("message").asText());
        assertTrue(kubelet.connections.isEmpty(), "nothing reached the kubelet");
    }

    static Socket connect() throws IOException {
        URI base = URI.create(api.base);
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    static String readUntilClosed(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** A kubelet stand-in: answers the first request with 101 (then echoes) or with a 400 it keeps open. */
    static final class FakeKubelet implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0);
        final AtomicBoolean refuse = new AtomicBoolean();
        final List<Connection> connections = new CopyOnWriteArrayList<>();

        FakeKubelet() throws IOException {
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Connection c = new Connection(socket);
                        connections.add(c);
                        Thread serve = new Thread(() -> c.serve(refuse.get()), "fake-kubelet-conn");
                        serve.setDaemon(true);
                        serve.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-kubelet");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static final class Connection {
        final Socket socket;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicBoolean closedByPeer = new AtomicBoolean();

        Connection(Socket socket) {
            this.socket = socket;
        }

        synchronized String received() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }

        void serve(boolean refuse) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                boolean answered = false;
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        bytes.write(buffer, 0, n);
                    }
                    if (!answered && received().contains("\r\n\r\n")) {
                        answered = true;
                        if (refuse) {
                            // keep-alive on purpose: a proxy that kept this connection would let a client reuse it
                            out.write("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\nno upgrade for you"
                                    .getBytes(StandardCharsets.US_ASCII));
                        } else {
                            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                                    + "Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            String all = received();
                            String after = all.substring(all.indexOf("\r\n\r\n") + 4);
                            out.write(after.getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.flush();
                    } else if (answered && !refuse) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
                closedByPeer.set(true);
            } catch (IOException e) {
                closedByPeer.set(true);
            }
        }
    }
}
