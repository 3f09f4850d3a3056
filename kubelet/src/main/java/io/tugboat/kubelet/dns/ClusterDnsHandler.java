package io.tugboat.kubelet.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty edge of the DNS server: takes a decoded query, asks {@link ClusterDnsResolver}, and writes either the
 * authoritative answer as a DNS message or, for names outside the cluster domain, the upstream's reply as it came
 * ({@link Relayed}). Forwarding blocks on sockets, so it runs on {@code blocking}, never on the event loop.
 * Shared by the UDP channel and every TCP connection.
 */
@ChannelHandler.Sharable
final class ClusterDnsHandler extends SimpleChannelInboundHandler<DnsQuery> {
    private static final Logger log = LoggerFactory.getLogger(ClusterDnsHandler.class);
    /** A UDP reply without EDNS must fit in 512 bytes (RFC 1035 §4.2.1); beyond, it is truncated and the client uses TCP. */
    static final int UDP_LIMIT = 512;

    /** An upstream's raw reply on its way back to {@code recipient} (null over TCP); written by the initializer's encoder. */
    record Relayed(ByteBuf message, InetSocketAddress recipient) {
    }

    private final ClusterDnsResolver resolver;
    private final UpstreamForwarder forwarder;
    private final Executor blocking;

    ClusterDnsHandler(ClusterDnsResolver resolver, UpstreamForwarder forwarder, Executor blocking) {
        this.resolver = resolver;
        this.forwarder = forwarder;
        this.blocking = blocking;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
        if (query.opCode() != DnsOpCode.QUERY) {
            ctx.writeAndFlush(response(query, DnsResponseCode.NOTIMP, false));
            return;
        }
        if (query.count(DnsSection.QUESTION) != 1) {
            ctx.writeAndFlush(response(query, DnsResponseCode.FORMERR, false));
            return;
        }
        DnsQuestion question = query.recordAt(DnsSection.QUESTION);
        DnsAnswer answer = resolver.resolve(question.name(), question.type().intValue());
        InetSocketAddress client = query instanceof DatagramDnsQuery d ? d.sender() : null;
        int id = query.id();
        String name = question.name();
        int type = question.type().intValue();
        int dnsClass = question.dnsClass();
        if (answer instanceof DnsAnswer.Authoritative a) {
            Optional<String> alias = resolver.upstreamAlias(a, type);
            if (alias.isEmpty()) {
                ctx.writeAndFlush(authoritative(query, question, a));
                return;
            }
            DnsQuery copy = query.retain(); // read again once upstream has answered

            try {
                blocking.execute(() -> {
                    try {
                        List<DnsRecord> target = forwarder.forward(id, alias.get(), type, dnsClass, client == null)
                                .map(DnsWire::answers).orElse(List.of());
                        List<DnsRecord> answers = new ArrayList<>(a.answers());
                        answers.addAll(target);
                        ctx.writeAndFlush(authoritative(copy, question, new DnsAnswer.Authoritative(a.rcode(), answers,
                                a.authority(), a.additional())));
                    } finally {
                        copy.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                copy.release();
                ctx.writeAndFlush(authoritative(query, question, a)); // shutting down: the alias alone
            }
            return;
        }
        DnsResponse servfail = response(query, DnsResponseCode.SERVFAIL, false);
        try {
            blocking.execute(() -> {
                Optional<byte[]> reply = forwarder.forward(id, name, type, dnsClass, client == null);
                if (reply.isPresent()) {
                    ctx.writeAndFlush(new Relayed(Unpooled.wrappedBuffer(reply.get()), client));
                } else {
                    log.debug("no upstream answered {} (type {})", name, type);
                    ctx.writeAndFlush(servfail);
                }
            });
        } catch (RejectedExecutionException e) {
            ctx.writeAndFlush(servfail); // shutting down
        }
    }

    private static DnsResponse authoritative(DnsQuery query, DnsQuestion question, DnsAnswer.Authoritative answer) {
        DnsResponse response = response(query, DnsResponseCode.valueOf(answer.rcode().code), true);
        boolean udp = query instanceof DatagramDnsQuery;
        int size = 12 + question.name().length() + 6;
        List<DefaultDnsRawRecord> answers = encode(answer.answers());
        List<DefaultDnsRawRecord> authority = encode(answer.authority());
        List<DefaultDnsRawRecord> additional = encode(answer.additional());
        size += sizeOf(answers) + sizeOf(authority);
        if (udp && size > UDP_LIMIT) {
            response.setTruncated(true);
            release(answers, authority, additional);
            return response;
        }
        if (udp && size + sizeOf(additional) > UDP_LIMIT) {
            release(additional); // additional records are a courtesy: drop them before truncating
            additional = List.of();
        }
        answers.forEach(r -> response.addRecord(DnsSection.ANSWER, r));
        authority.forEach(r -> response.addRecord(DnsSection.AUTHORITY, r));
        additional.forEach(r -> response.addRecord(DnsSection.ADDITIONAL, r));
        return response;
    }

    /** A response to {@code query} with its question repeated and no records yet. */
    private static DnsResponse response(DnsQuery query, DnsResponseCode rcode, boolean authoritative) {
        DnsResponse response = query instanceof DatagramDnsQuery d
                ? new DatagramDnsResponse(d.recipient(), d.sender(), query.id(), query.opCode(), rcode)
                : new DefaultDnsResponse(query.id(), query.opCode(), rcode);
        response.setAuthoritativeAnswer(authoritative);
        response.setRecursionDesired(query.isRecursionDesired());
        response.setRecursionAvailable(true);
        if (query.count(DnsSection.QUESTION) == 1) {
            DnsQuestion q = query.recordAt(DnsSection.QUESTION);
            response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(q.name(), q.type(), q.dnsClass()));
        }
        return response;
    }

    private static List<DefaultDnsRawRecord> encode(List<DnsRecord> records) {
        List<DefaultDnsRawRecord> out = new ArrayList<>();
        for (DnsRecord r : records) {
            out.add(new DefaultDnsRawRecord(r.name() + ".", DnsRecordType.valueOf(r.data().type()),
                    io.netty.handler.codec.dns.DnsRecord.CLASS_IN, r.ttl(), rdata(r.data())));
        }
        return out;
    }

    /** The record's data in wire form (RFC 1035 §3.3, RFC 2782 for SRV); names uncompressed. */
    static ByteBuf rdata(DnsRecord.Data data) {
        ByteBuf out = Unpooled.buffer();
        if (data instanceof DnsRecord.A a) {
            out.writeBytes(address(a.ip()));
        } else if (data instanceof DnsRecord.Aaaa a) {
            out.writeBytes(address(a.ip()));
        } else if (data instanceof DnsRecord.Cname c) {
            writeName(out, c.target());
        } else if (data instanceof DnsRecord.Srv s) {
            out.writeShort(s.priority()).writeShort(s.weight()).writeShort(s.port());
            writeName(out, s.target());
        } else if (data instanceof DnsRecord.Soa s) {
            writeName(out, s.mname());
            writeName(out, s.rname());
            out.writeInt((int) s.serial()).writeInt(s.refresh()).writeInt(s.retry()).writeInt(s.expire()).writeInt(s.minimum());
        }
        return out;
    }

    private static byte[] address(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    private static void writeName(ByteBuf out, String name) {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                out.writeByte(bytes.length).writeBytes(bytes);
            }
        }
        out.writeByte(0);
    }

    private static int sizeOf(List<DefaultDnsRawRecord> records) {
        return records.stream().mapToInt(r -> r.name().length() + 1 + 10 + r.content().readableBytes()).sum();
    }

    @SafeVarargs
    private static void release(List<DefaultDnsRawRecord>... lists) {
        for (List<DefaultDnsRawRecord> list : lists) {
            list.forEach(DefaultDnsRawRecord::release);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("DNS channel {}: {}", ctx.channel(), cause.toString());
        if (!(ctx.channel() instanceof io.netty.channel.socket.DatagramChannel)) {
            ctx.close(); // a TCP client that sent garbage; the UDP channel serves everyone and stays open
        }
    }
}
