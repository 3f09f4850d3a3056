package io.tugboat.kubelet.dns;

import static io.tugboat.kubelet.dns.ClusterDnsResolverTest.endpoints;
import static io.tugboat.kubelet.dns.ClusterDnsResolverTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server on a loopback address, asked real questions over UDP and TCP; upstream is a fake on loopback too. */
class ClusterDnsServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ServiceDirectory cluster = ServiceDirectory.of(List.of(
            service("""
                    metadata: {name: web, namespace: default}
                    spec: {clusterIP: 10.96.0.20, ports: [{name: http, port: 80}]}
                    """),
            service("""
                    metadata: {name: big, namespace: default}
                    spec: {clusterIP: None}
                    """),
            service("""
                    metadata: {name: search, namespace: default}
                    spec: {type: ExternalName, externalName: search.example.org}
                    """)), List.of(
            endpoints(bigEndpoints())), 42);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private FakeUpstream upstream;
    private ClusterDnsServer server;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeUpstream();
        closeables.add(upstream);
        server = serve(new UpstreamForwarder(List.of(upstream.address()), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    @Test
    void answersAServiceNameOverUdpAndTcp() throws Exception {
        for (DnsClient.Reply reply : List.of(DnsClient.udp(server.address(), "web.default.svc.cluster.local", 1),
                DnsClient.tcp(server.address(), "web.default.svc.cluster.local", 1))) {
            assertEquals(0, reply.rcode());
            assertTrue(reply.authoritative());
            assertEquals(List.of("web.default.svc.cluster.local. 5 IN A 10.96.0.20"), reply.answers());
        }
    }

    @Test
    void answersSrvWithTheTargetsAddress() throws Exception {
        DnsClient.Reply reply = DnsClient.udp(server.address(), "_http._tcp.web.default.svc.cluster.local", 33);
        assertEquals(List.of("_http._tcp.web.default.svc.cluster.local. 5 IN SRV 0 100 80 web.default.svc.cluster.local."),
                reply.answers());
        assertEquals(List.of("web.default.svc.cluster.local. 5 IN A 10.96.0.20"), reply.additional());
    }

    @Test
    void answersAnUnknownNameWithNxdomainAndTheSoa() throws Exception {
        DnsClient.Reply reply = DnsClient.udp(server.address(), "nosuch.default.svc.cluster.local", 1);
        assertEquals(3, reply.rcode());
        assertEquals(List.of(), reply.answers());
        assertEquals(List.of("cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 42 7200 1800 86400 5"),
                reply.authority());
    }

    @Test
    void truncatesOverUdpWhatOnlyFitsOverTcp() throws Exception {
        DnsClient.Reply udp = DnsClient.udp(server.address(), "big.default.svc.cluster.local", 1);
        assertTrue(udp.truncated());
        assertEquals(List.of(), udp.answers());
        DnsClient.Reply tcp = DnsClient.tcp(server.address(), "big.default.svc.cluster.local", 1);
        assertFalse(tcp.truncated());
        assertEquals(40, tcp.answers().size());
    }

    @Test
    void relaysTheUpstreamsReplyForOtherNames() throws Exception {
        DnsClient.Reply reply = DnsClient.udp(server.address(), "example.org", 1);
        assertEquals(List.of("example.org. 300 IN A 192.0.2.7"), reply.answers());
        assertFalse(reply.authoritative());
        assertEquals("example.org", upstream.lastQuestion());
        assertEquals(List.of("example.org. 300 IN A 192.0.2.7"), DnsClient.tcp(server.address(), "example.org", 1).answers());
    }

    @Test
    void followsAnExternalNameToItsTargetsAddressUpstream() throws Exception {
        DnsClient.Reply reply = DnsClient.udp(server.address(), "search.default.svc.cluster.local", 1);
        assertEquals(List.of("search.default.svc.cluster.local. 5 IN CNAME search.example.org.",
                "search.example.org. 300 IN A 192.0.2.7"), reply.answers());
        assertTrue(reply.authoritative());
        assertEquals("search.example.org", upstream.lastQuestion());
    }

    @Test
    void failsForOtherNamesWhenNoUpstreamAnswers() throws Exception {
        ClusterDnsServer lonely = serve(new UpstreamForwarder(List.of(), Duration.ofSeconds(1)));
        assertEquals(2, DnsClient.udp(lonely.address(), "example.org", 1).rcode());
    }

    @Test
    void refusesToStartOnATakenAddressWithAClearError() throws Exception {
        ClusterDnsServer second = new ClusterDnsServer(LOOPBACK, server.address().getPort(),
                new ClusterDnsResolver("cluster.local", cluster), new UpstreamForwarder(List.of(), Duration.ofSeconds(1)));
        BindException e = assertThrows(BindException.class, second::start);
        assertTrue(e.getMessage().startsWith("cannot listen on " + new InetSocketAddress(LOOPBACK, server.address().getPort())),
                e.getMessage());
    }

    private ClusterDnsServer serve(UpstreamForwarder forwarder) throws Exception {
        ClusterDnsServer s = new ClusterDnsServer(LOOPBACK, 0, new ClusterDnsResolver("cluster.local", cluster), forwarder).start();
        closeables.add(0, s);
        return s;
    }

    private static String bigEndpoints() {
        StringBuilder yaml = new StringBuilder("metadata: {name: big, namespace: default}\nsubsets:\n- addresses:\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("  - {ip: 10.244.0.").append(i).append("}\n");
        }
        return yaml.toString();
    }

    /** An upstream resolver on loopback: answers every A question with 192.0.2.7, TTL 300, over UDP. */
    static final class FakeUpstream implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        private final Thread thread = new Thread(this::serve, "fake-upstream");
        private volatile String lastQuestion;

        FakeUpstream() throws Exception {
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        String lastQuestion() {
            return lastQuestion;
        }

        private void serve() {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    byte[] query = Arrays.copyOf(buffer, packet.getLength());
                    int questionEnd = 12;
                    StringBuilder name = new StringBuilder();
                    while (query[questionEnd] != 0) {
                        int len = query[questionEnd];
                        name.append(name.length() == 0 ? "" : ".").append(new String(query, questionEnd + 1, len));
                        questionEnd += len + 1;
                    }
                    questionEnd += 5;
                    lastQuestion = name.toString();
                    ByteBuffer reply = ByteBuffer.allocate(512);
                    reply.put(query, 0, 2).putShort((short) 0x8180).putShort((short) 1).putShort((short) 1)
                            .putShort((short) 0).putShort((short) 0);
                    reply.put(query, 12, questionEnd - 12);
                    reply.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(300).putShort((short) 4)
                            .put(new byte[] {(byte) 192, 0, 2, 7});
                    socket.send(new DatagramPacket(reply.array(), reply.position(), packet.getSocketAddress()));
                } catch (Exception e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
