package io.tugboat.kubelet.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test's DNS client on plain JDK sockets with its own message parser, so the server is checked against code that
 * shares nothing with Netty's codec.
 */
public final class DnsClient {
    private DnsClient() {
    }

    /** A parsed reply: header fields and each section's records in dig's form ({@code name. ttl IN TYPE data}). */
    public record Reply(int id, int rcode, boolean authoritative, boolean truncated, List<String> answers, List<String> authority,
                 List<String> additional) {
    }

    public static Reply udp(InetSocketAddress server, String name, int type) throws IOException {
        byte[] query = UpstreamForwarder.query(name, type, 1);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            Reply reply = parse(Arrays.copyOf(buffer, packet.getLength()));
            checkId(query, reply);
            return reply;
        }
    }

    public static Reply tcp(InetSocketAddress server, String name, int type) throws IOException {
        byte[] query = UpstreamForwarder.query(name, type, 1);
        try (Socket socket = new Socket()) {
            socket.connect(server, 10_000);
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] message = new byte[in.readUnsignedShort()];
            in.readFully(message);
            Reply reply = parse(message);
            checkId(query, reply);
            return reply;
        }
    }

    private static void checkId(byte[] query, Reply reply) throws IOException {
        if (reply.id() != (((query[0] & 0xff) << 8) | (query[1] & 0xff))) {
            throw new IOException("reply ID " + reply.id() + " does not match the query's");
        }
    }

    static Reply parse(byte[] message) {
        ByteBuffer b = ByteBuffer.wrap(message);
        int id = b.getShort() & 0xffff;
        int flags = b.getShort() & 0xffff;
        int qd = b.getShort() & 0xffff;
        int an = b.getShort() & 0xffff;
        int ns = b.getShort() & 0xffff;
        int ar = b.getShort() & 0xffff;
        for (int i = 0; i < qd; i++) {
            name(message, b);
            b.getInt();
        }
        List<String> answers = records(message, b, an);
        List<String> authority = records(message, b, ns);
        List<String> additional = records(message, b, ar);
        return new Reply(id, flags & 0xf, (flags & 0x0400) != 0, (flags & 0x0200) != 0, answers, authority, additional);
    }

    private static List<String> records(byte[] message, ByteBuffer b, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = name(message, b);
            int type = b.getShort() & 0xffff;
            b.getShort();
            long ttl = b.getInt() & 0xffffffffL;
            int length = b.getShort() & 0xffff;
            int end = b.position() + length;
            String data = switch (type) {
                case 1 -> "A " + (b.get() & 0xff) + "." + (b.get() & 0xff) + "." + (b.get() & 0xff) + "." + (b.get() & 0xff);
                case 5 -> "CNAME " + name(message, b);
                case 6 -> "SOA " + name(message, b) + " " + name(message, b) + " " + (b.getInt() & 0xffffffffL) + " " + b.getInt()
                        + " " + b.getInt() + " " + b.getInt() + " " + b.getInt();
                case 28 -> "AAAA (" + length + " bytes)";
                case 33 -> "SRV " + (b.getShort() & 0xffff) + " " + (b.getShort() & 0xffff) + " " + (b.getShort() & 0xffff) + " "
                        + name(message, b);
                default -> "TYPE" + type;
            };
            b.position(end);
            out.add(name + " " + ttl + " IN " + data);
        }
        return out;
    }

    /** A name, following compression pointers (RFC 1035 §4.1.4); absolute, with the trailing dot. */
    private static String name(byte[] message, ByteBuffer b) {
        StringBuilder out = new StringBuilder();
        int pos = b.position();
        boolean jumped = false;
        while (true) {
            int len = message[pos] & 0xff;
            if ((len & 0xc0) == 0xc0) {
                if (!jumped) {
                    b.position(pos + 2);
                }
                jumped = true;
                pos = ((len & 0x3f) << 8) | (message[pos + 1] & 0xff);
                continue;
            }
            pos++;
            if (len == 0) {
                break;
            }
            out.append(new String(message, pos, len, java.nio.charset.StandardCharsets.US_ASCII)).append('.');
            pos += len;
        }
        if (!jumped) {
            b.position(pos);
        }
        return out.length() == 0 ? "." : out.toString();
    }
}
