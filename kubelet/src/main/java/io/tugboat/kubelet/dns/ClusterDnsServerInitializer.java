package io.tugboat.kubelet.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.List;

/**
 * The two pipelines of the DNS server, one per transport, each: Netty's DNS codec (datagrams, or TCP's two-byte
 * length prefix, RFC 1035 §4.2.2), the {@link RelayEncoder} for replies relayed from upstream as raw bytes, and the
 * shared {@link ClusterDnsHandler}.
 */
final class ClusterDnsServerInitializer extends ChannelInitializer<Channel> {
    private final boolean udp;
    private final ClusterDnsHandler handler;

    private ClusterDnsServerInitializer(boolean udp, ClusterDnsHandler handler) {
        this.udp = udp;
        this.handler = handler;
    }

    static ClusterDnsServerInitializer udp(ClusterDnsHandler handler) {
        return new ClusterDnsServerInitializer(true, handler);
    }

    static ClusterDnsServerInitializer tcp(ClusterDnsHandler handler) {
        return new ClusterDnsServerInitializer(false, handler);
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new RelayEncoder(udp));
        if (udp) {
            ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder());
        } else {
            // a TCP client that sends nothing for 10 s is dropped, as CoreDNS's server does
            ch.pipeline().addLast(new ReadTimeoutHandler(10), new TcpDnsQueryDecoder(), new TcpDnsResponseEncoder());
        }
        ch.pipeline().addLast(handler);
    }

    /** Puts a relayed reply on the wire: a datagram to the client, or length-prefixed on the TCP stream. */
    static final class RelayEncoder extends MessageToMessageEncoder<ClusterDnsHandler.Relayed> {
        private final boolean udp;

        RelayEncoder(boolean udp) {
            super(ClusterDnsHandler.Relayed.class);
            this.udp = udp;
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, ClusterDnsHandler.Relayed msg, List<Object> out) {
            ByteBuf message = msg.message();
            if (udp) {
                out.add(new DatagramPacket(message, msg.recipient()));
            } else {
                out.add(ctx.alloc().buffer(2).writeShort(message.readableBytes()));
                out.add(message);
            }
        }
    }
}
