package io.tugboat.kubelet.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code kubectl port-forward} session on an upgraded SPDY/3.1 connection ({@code portforward.k8s.io}). For
 * every local connection kubectl opens two SPDY streams carrying the same {@code requestID} and {@code port}: an
 * {@code error} stream (the kubelet writes a message there if forwarding fails, and closes it when done) and a
 * {@code data} stream (the bytes both ways).
 *
 * <pre>
 *   kubectl ──SYN_STREAM streamType=error port=8080 requestID=0──▶ kubelet ──SYN_REPLY──▶
 *   kubectl ──SYN_STREAM streamType=data  port=8080 requestID=0──▶ kubelet ──SYN_REPLY──▶ TCP connect podIP:8080
 *           ══DATA══▶ (to the pod)                  ◀══DATA══ (from the pod)
 *           kubectl's FIN on data → shutdownOutput to the pod; the pod closes → FIN on data and on error
 * </pre>
 *
 * How the kubelet reaches the port: a TCP connection from the kubelet's host to the pod's IP on the Docker
 * bridge. It needs nothing inside the pod (no {@code socat}, no {@code nc}: images that hold only the app work)
 * and no helper container; it relies on the kubelet running on the Docker host, which it does. The pod's
 * sandbox IP is looked up when the session starts. All of it runs on the connection's event loop: the pod
 * connections share it, so no locking is needed.
 */
final class PortForwardHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PortForwardHandler.class);

    private final String podIp;
    /** requestID → the error stream's id. */
    private final Map<String, Integer> errorStreams = new HashMap<>();
    /** data stream id → the connection to the pod. */
    private final Map<Integer, Channel> targets = new HashMap<>();
    /** data stream id → bytes that arrived before the pod connection was up. */
    private final Map<Integer, List<Object>> pending = new HashMap<>();

    PortForwardHandler(String podIp) {
        this.podIp = podIp;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynStreamFrame syn) {
                open(ctx, syn);
            } else if (msg instanceof SpdyDataFrame data) {
                forward(data);
            } else if (msg instanceof SpdyRstStreamFrame reset) {
                Channel target = targets.remove(reset.streamId());
                if (target != null) {
                    target.close();
                }
            } else if (msg instanceof SpdyPingFrame ping) {
                ctx.writeAndFlush(new DefaultSpdyPingFrame(ping.id()));
            } else if (msg instanceof SpdyGoAwayFrame) {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void open(ChannelHandlerContext ctx, SpdySynStreamFrame syn) {
        int streamId = syn.streamId();
        String type = header(syn, "streamType");
        String requestId = header(syn, "requestID");
        String port = header(syn, "port");
        // A reply with no headers at all is encoded by Netty as an empty header block, which is not valid zlib for
        // kubectl's SPDY framer (it answers with GOAWAY); echoing the stream's type keeps the block non-empty.
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(streamId);
        reply.headers().set("streamtype", type == null ? "" : type);
        ctx.writeAndFlush(reply);
        if ("error".equals(type)) {
            errorStreams.put(requestId, streamId);
            return;
        }
        if (!"data".equals(type)) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            fail(ctx, requestId, streamId, "invalid port " + port);
            return;
        }
        pending.put(streamId, new ArrayList<>());
        Channel session = ctx.channel();
        new Bootstrap().group(session.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new PodSide(session, streamId, requestId));
                    }
                })
                .connect(podIp, number)
                .addListener((ChannelFutureListener) connected -> {
                    List<Object> early = pending.remove(streamId);
                    if (!connected.isSuccess()) {
                        early.forEach(ReferenceCountUtil::release);
                        fail(ctx, requestId, streamId, "error forwarding port " + number + " to pod " + podIp
                                + ": " + connected.cause().getMessage());
                        return;
                    }
                    Channel target = connected.channel();
                    targets.put(streamId, target);
                    for (Object o : early) {
                        if (o == FIN) {
                            ((SocketChannel) target).shutdownOutput();
                        } else {
                            target.writeAndFlush(o);
                        }
                    }
                });
    }

    /** Marks kubectl's end of a data stream that arrived before the pod connection was up. */
    private static final Object FIN = new Object();

    private void forward(SpdyDataFrame data) {
        List<Object> early = pending.get(data.streamId());
        Channel target = targets.get(data.streamId());
        if (data.content().isReadable()) {
            if (early != null) {
                early.add(data.content().retain());
            } else if (target != null) {
                target.writeAndFlush(data.content().retain());
            }
        }
        if (data.isLast()) {
            if (early != null) {
                early.add(FIN);
            } else if (target instanceof SocketChannel socket && socket.isActive()) {
                socket.shutdownOutput();
            }
        }
    }

    /** Writes the message on the error stream and ends both streams. */
    private void fail(ChannelHandlerContext ctx, String requestId, int dataStream, String message) {
        log.debug("port-forward: {}", message);
        Integer errorStream = errorStreams.remove(requestId);
        if (errorStream != null) {
            DefaultSpdyDataFrame error = new DefaultSpdyDataFrame(errorStream,
                    Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
            error.setLast(true);
            ctx.write(error);
        }
        DefaultSpdyDataFrame end = new DefaultSpdyDataFrame(dataStream);
        end.setLast(true);
        ctx.writeAndFlush(end);
    }

    private static String header(SpdySynStreamFrame syn, String name) {
        String value = syn.headers().getAsString(name);
        return value != null ? value : syn.headers().getAsString(name.toLowerCase());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        targets.values().forEach(Channel::close);
        targets.clear();
        pending.values().forEach(list -> list.forEach(o -> {
            if (o != FIN) {
                ReferenceCountUtil.release(o);
            }
        }));
        pending.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("port-forward connection error: {}", cause.toString());
        ctx.close();
    }

    /** The connection to the pod's port: its bytes become DATA frames; its end ends both streams. */
    private final class PodSide extends ChannelInboundHandlerAdapter {
        private final Channel session;
        private final int streamId;
        private final String requestId;

        PodSide(Channel session, int streamId, String requestId) {
            this.session = session;
            this.streamId = streamId;
            this.requestId = requestId;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            session.writeAndFlush(new DefaultSpdyDataFrame(streamId, (ByteBuf) msg));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            targets.remove(streamId);
            if (session.isActive()) {
                DefaultSpdyDataFrame end = new DefaultSpdyDataFrame(streamId);
                end.setLast(true);
                session.write(end);
                Integer errorStream = errorStreams.remove(requestId);
                if (errorStream != null) {
                    DefaultSpdyDataFrame errorEnd = new DefaultSpdyDataFrame(errorStream);
                    errorEnd.setLast(true);
                    session.write(errorEnd);
                }
                session.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
