package io.tugboat.kubelet.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer section of an upstream's reply (RFC 1035 §4.1), for the one case where the server must look
 * inside one: following an ExternalName's CNAME to the target's addresses. Only A, AAAA and CNAME records are
 * kept; names may be compressed (§4.1.4).
 */
final class DnsWire {
    private DnsWire() {
    }

    /** The reply's rcode (0 NOERROR, 3 NXDOMAIN, ...). */
    static int rcode(byte[] reply) {
        return reply[3] & 0x0f;
    }

    /** The A, AAAA and CNAME records of the answer section; empty for a malformed reply. */
    static List<DnsRecord> answers(byte[] reply) {
        List<DnsRecord> out = new ArrayList<>();
        try {
            ByteBuffer b = ByteBuffer.wrap(reply);
            b.position(4);
            int questions = b.getShort() & 0xffff;
            int answers = b.getShort() & 0xffff;
            b.position(12);
            for (int i = 0; i < questions; i++) {
                name(reply, b);
                b.position(b.position() + 4);
            }
            for (int i = 0; i < answers; i++) {
                String name = name(reply, b);
                int type = b.getShort() & 0xffff;
                b.getShort();
                int ttl = b.getInt();
                int length = b.getShort() & 0xffff;
                int end = b.position() + length;
                if (type == ClusterDnsResolver.TYPE_A || type == ClusterDnsResolver.TYPE_AAAA) {
                    byte[] address = new byte[length];
                    b.get(address);
                    String ip = InetAddress.getByAddress(address).getHostAddress();
                    out.add(new DnsRecord(name, ttl, type == ClusterDnsResolver.TYPE_A ? new DnsRecord.A(ip) : new DnsRecord.Aaaa(ip)));
                } else if (type == ClusterDnsResolver.TYPE_CNAME) {
                    out.add(new DnsRecord(name, ttl, new DnsRecord.Cname(name(reply, b))));
                }
                b.position(end);
            }
        } catch (RuntimeException | UnknownHostException e) {
            return List.of();
        }
        return out;
    }

    /** A possibly compressed name, without the trailing dot; leaves {@code b} after it. */
    private static String name(byte[] message, ByteBuffer b) {
        StringBuilder out = new StringBuilder();
        int pos = b.position();
        int jumps = 0;
        int resume = -1;
        while (true) {
            int len = message[pos] & 0xff;
            if ((len & 0xc0) == 0xc0) {
                if (resume < 0) {
                    resume = pos + 2;
                }
                if (++jumps > 64) {
                    throw new IllegalArgumentException("compression loop");
                }
                pos = ((len & 0x3f) << 8) | (message[pos + 1] & 0xff);
                continue;
            }
            pos++;
            if (len == 0) {
                break;
            }
            out.append(out.length() == 0 ? "" : ".").append(new String(message, pos, len, StandardCharsets.US_ASCII));
            pos += len;
        }
        b.position(resume >= 0 ? resume : pos);
        return out.toString();
    }
}
