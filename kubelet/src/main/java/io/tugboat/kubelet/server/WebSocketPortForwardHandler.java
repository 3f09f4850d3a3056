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
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port-forward over a WebSocket, Kubernetes' {@code portforward.k8s.io} WebSocket protocol
 * ({@code v4.channel.k8s.io}), as {@code tug port-forward} speaks it: one WebSocket carries one connection to each
 * port of {@code ?ports=}. For the port at index {@code i}, channel {@code 2i} carries the data and channel
 * {@code 2i+1} errors; each message's first byte is its channel, and the first message on each channel is the port
 * number (two bytes, little-endian), so the client knows which is which.
 *
 * <pre>
 *   upgraded ─▶ [0, port] [1, port] sent ─▶ TCP connect podIP:port
 *   client [0, bytes...] ─▶ to the pod (held until the connection is up)     pod bytes ─▶ [0, bytes...]
 *   pod closes, or connecting fails ([1, message]) ─▶ close frame; the client's close ─▶ pod connections closed
 * </pre>
 *
 * The pod is reached as in {@link PortForwardHandler}: a TCP connection to the pod's IP on the Docker bridge; all
 * of it runs on the connection's event loop, so no locking is needed.
 */
final class WebSocketPortForwardHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(WebSocketPortForwardHandler.class);

    private final String podIp;
    private final List<Integer> ports;
    private final List<Channel> targets = new ArrayList<>();
    private final List<List<ByteBuf>> pending = new ArrayList<>();
    private int open;

    WebSocketPortForwardHandler(String podIp, List<Integer> ports) {
        this.podIp = podIp;
        this.ports = List.copyOf(ports);
    }

    /** The handshake is done: announce the ports and connect to each. Runs on the channel's event loop. */
    void begin(Channel session) {
        session.closeFuture().addListener(f -> closeTargets());
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            byte[] number = {(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)};
            session.write(frame(2 * i, number));
            session.write(frame(2 * i + 1, number));
            targets.add(null);
            pending.add(new ArrayList<>());
        }
        session.flush();
        open = ports.size();
        for (int i = 0; i < ports.size(); i++) {
            connect(session, i);
        }
    }

    private void connect(Channel session, int index) {
        int port = ports.get(index);
        new Bootstrap().group(session.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new PodSide(session, index));
                    }
                })
                .connect(podIp, port)
                .addListener((ChannelFutureListener) connected -> {
                    List<ByteBuf> early = pending.get(index);
                    if (!connected.isSuccess()) {
                        early.forEach(ByteBuf::release);
                        early.clear();
                        String message = "error forwarding port " + port + " to pod " + podIp + ": "
                                + connected.cause().getMessage();
                        log.debug("port-forward: {}", message);
                        session.writeAndFlush(frame(2 * index + 1, message.getBytes(StandardCharsets.UTF_8)));
                        portDone(session);
                        return;
                    }
                    targets.set(index, connected.channel());
                    early.forEach(connected.channel()::write);
                    early.clear();
                    connected.channel().flush();
                });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            ByteBuf content = frame.content();
            if (!content.isReadable()) {
                return;
            }
            int channel = content.readUnsignedByte();
            int index = channel / 2;
            if (channel % 2 != 0 || index >= ports.size() || !content.isReadable()) {
                return; // clients write data channels only
            }
            Channel target = targets.get(index);
            if (target != null) {
                target.writeAndFlush(content.retain());
            } else {
                pending.get(index).add(content.retain());
            }
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            closeTargets();
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A port's connection ended; when every port's has, the WebSocket ends too (as Kubernetes' kubelet does). */
    private void portDone(Channel session) {
        if (--open == 0 && session.isActive()) {
            session.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void closeTargets() {
        for (Channel target : targets) {
            if (target != null) {
                target.close();
            }
        }
        for (List<ByteBuf> early : pending) {
            early.forEach(ByteBuf::release);
            early.clear();
        }
    }

    private static BinaryWebSocketFrame frame(int channel, byte[] data) {
        ByteBuf buf = Unpooled.buffer(data.length + 1);
        buf.writeByte(channel);
        buf.writeBytes(data);
        return new BinaryWebSocketFrame(buf);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeTargets();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("port-forward connection error: {}", cause.toString());
        ctx.close();
    }

    /** The connection to one port of the pod: its bytes go out on the port's data channel. */
    private final class PodSide extends ChannelInboundHandlerAdapter {
        private final Channel session;
        private final int index;

        PodSide(Channel session, int index) {
            this.session = session;
            this.index = index;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            ByteBuf framed = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(new byte[] {(byte) (2 * index)}), data);
            session.writeAndFlush(new BinaryWebSocketFrame(framed));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            portDone(session);
        }
    }
}
