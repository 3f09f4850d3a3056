package io.tugboat.kubelet.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the node's own resolvers about names outside the cluster domain and hands back their reply byte for byte (only
 * the message ID is the client's), as CoreDNS's {@code forward . /etc/resolv.conf} does. Blocking: call it off the
 * event loop.
 *
 * <p>Which resolvers: the {@code nameserver} lines of the node's resolv.conf, loopback ones included. The server
 * runs in the kubelet's process, in the node's network namespace, so a local stub such as systemd-resolved's
 * 127.0.0.53 is reachable from here even though it is not from a pod — which is exactly why pods ask us and we ask
 * it. Only our own listen address is left out, so that a node pointed at its own cluster DNS cannot loop.
 */
public final class UpstreamForwarder {
    private static final Logger log = LoggerFactory.getLogger(UpstreamForwarder.class);

    private final List<InetSocketAddress> upstreams;
    private final Duration timeout;

    /** @param timeout how long to wait for each upstream before trying the next */
    public UpstreamForwarder(List<InetSocketAddress> upstreams, Duration timeout) {
        this.upstreams = List.copyOf(upstreams);
        this.timeout = timeout;
    }

    /** The nameservers of {@code resolvConf} on port 53, without {@code self}; none if the file cannot be read. */
    public static UpstreamForwarder fromResolvConf(Path resolvConf, InetAddress self) {
        List<InetSocketAddress> upstreams = new ArrayList<>();
        try {
            for (String ns : ResolvConf.parse(Files.readString(resolvConf)).nameservers()) {
                InetAddress address = InetAddress.getByName(ns);
                if (!address.equals(self)) {
                    upstreams.add(new InetSocketAddress(address, 53));
                }
            }
        } catch (IOException e) {
            log.warn("cannot read {}: names outside the cluster domain will fail: {}", resolvConf, e.toString());
        }
        return new UpstreamForwarder(upstreams, Duration.ofSeconds(2));
    }

    public List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    /**
     * Asks each upstream in turn until one answers.
     *
     * @param id   the client's message ID, put into the reply
     * @param tcp  the client asked over TCP: a truncated UDP reply is asked again over TCP (a UDP client gets the
     *             truncated reply and retries over TCP itself)
     * @return the upstream's reply, or empty if none answered
     */
    public Optional<byte[]> forward(int id, String qname, int qtype, int qclass, boolean tcp) {
        byte[] query = query(qname, qtype, qclass);
        for (InetSocketAddress upstream : upstreams) {
            try {
                byte[] reply = overUdp(upstream, query);
                if (tcp && (reply[2] & 0x02) != 0) {
                    reply = overTcp(upstream, query);
                }
                reply[0] = (byte) (id >> 8);
                reply[1] = (byte) id;
                return Optional.of(reply);
            } catch (IOException e) {
                log.debug("upstream {} did not answer {} {}: {}", upstream, qname, qtype, e.toString());
            }
        }
        return Optional.empty();
    }

    private byte[] overUdp(InetSocketAddress upstream, byte[] query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(upstream);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[65535];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet); // SocketTimeoutException ends the wait
                if (packet.getLength() >= 12 && buffer[0] == query[0] && buffer[1] == query[1]) {
                    return java.util.Arrays.copyOf(buffer, packet.getLength());
                }
            }
        }
    }

    private byte[] overTcp(InetSocketAddress upstream, byte[] query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(upstream, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            if (reply.length < 12) {
                throw new SocketTimeoutException("short reply");
            }
            return reply;
        }
    }

    /** A standard query with recursion desired and one question (RFC 1035 §4.1). */
    static byte[] query(String qname, int qtype, int qclass) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) ThreadLocalRandom.current().nextInt(65536));
        b.putShort((short) 0x0100); // RD
        b.putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (String label : qname.split("\\.")) {
            if (!label.isEmpty()) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                b.put((byte) bytes.length).put(bytes);
            }
        }
        b.put((byte) 0);
        b.putShort((short) qtype).putShort((short) qclass);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }
}
