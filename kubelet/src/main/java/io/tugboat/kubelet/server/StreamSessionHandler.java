package io.tugboat.kubelet.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tugboat.kubelet.streaming.ContainerStreams;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec or attach session on an upgraded connection: client messages (stdin, resize, close) go to the
 * {@link ContainerStreams.Session}; a pump on a blocking thread sends its output back, then the error-channel
 * Status, then a normal WebSocket close.
 *
 * <pre>
 *   upgraded ──begin──▶ pumping ──process ends──▶ Status on channel 3 ──▶ close frame ──▶ closed
 *                          │
 *                          └──client goes away──▶ session closed (socket to Docker released) ──▶ closed
 * </pre>
 * The session is closed exactly once on every path, which is what keeps 200 round trips from leaking a socket.
 */
final class StreamSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(StreamSessionHandler.class);

    private final ContainerStreams.Session session;
    private final List<String> command;
    private final ContainerStreams.Options options;
    private final ExecutorService blocking;
    /** The newest terminal size not yet passed on ({width, height}); see {@link #resize}. */
    private final AtomicReference<int[]> pendingSize = new AtomicReference<>();
    private volatile boolean v5;

    StreamSessionHandler(ContainerStreams.Session session, List<String> command, ContainerStreams.Options options,
                         ExecutorService blocking) {
        this.session = session;
        this.command = command;
        this.options = options;
        this.blocking = blocking;
    }

    /** The upgrade is done: start copying output. */
    void begin(Channel channel, String subprotocol) {
        v5 = StreamProtocol.V5.equals(subprotocol);
        channel.closeFuture().addListener(f -> session.close());
        blocking.execute(() -> pump(channel));
    }

    private void pump(Channel channel) {
        byte[] status;
        try {
            Integer exitCode = session.pump(new ContainerStreams.Output() {
                @Override
                public void stdout(byte[] data) throws IOException {
                    send(channel, StreamProtocol.STDOUT, data);
                }

                @Override
                public void stderr(byte[] data) throws IOException {
                    send(channel, StreamProtocol.STDERR, data);
                }
            });
            status = StreamProtocol.exitStatus(exitCode, command);
        } catch (IOException e) {
            status = StreamProtocol.failureStatus(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("exec session failed", e);
            status = StreamProtocol.failureStatus(e.toString());
        } finally {
            session.close();
        }
        if (channel.isActive()) {
            channel.write(frame(StreamProtocol.ERROR, status));
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void send(Channel channel, int stream, byte[] data) throws IOException {
        if (!channel.isActive()) {
            throw new IOException("the client went away");
        }
        ChannelFuture written = channel.writeAndFlush(frame(stream, data));
        written.awaitUninterruptibly();
        if (!written.isSuccess()) {
            throw new IOException("the client went away", written.cause());
        }
    }

    private static BinaryWebSocketFrame frame(int stream, byte[] data) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(StreamProtocol.frame(stream, data)));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws IOException {
        if (frame instanceof BinaryWebSocketFrame) {
            byte[] message = ByteBufUtil.getBytes(frame.content());
            if (message.length == 0) {
                return;
            }
            byte[] payload = Arrays.copyOfRange(message, 1, message.length);
            switch (message[0] & 0xff) {
                case StreamProtocol.STDIN -> {
                    if (options.stdin() && payload.length > 0) {
                        session.stdin(payload);
                    }
                }
                case StreamProtocol.RESIZE -> StreamProtocol.parseResize(payload).ifPresent(this::resize);
                case StreamProtocol.CLOSE -> {
                    if (v5 && payload.length > 0 && payload[0] == StreamProtocol.STDIN) {
                        session.closeStdin();
                    }
                }
                default -> {
                    // output channels are not written by clients; ignore, as Kubernetes does
                }
            }
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            session.close();
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Passes a resize on to the runtime off the event loop: it is a blocking Docker call, and the event loop serves
     * every other connection of the kubelet. Only the newest size matters, so sizes arriving while one is applied
     * replace each other, and at most one task per burst is queued; applying under the lock keeps the last size
     * taken the last one applied, whichever pool thread runs it.
     */
    private void resize(int[] size) {
        if (pendingSize.getAndSet(size) == null) {
            blocking.execute(this::applyPendingSize);
        }
    }

    private synchronized void applyPendingSize() {
        for (int[] size = pendingSize.getAndSet(null); size != null; size = pendingSize.getAndSet(null)) {
            session.resize(size[0], size[1]);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("exec connection error: {}", cause.toString());
        session.close();
        ctx.close();
    }
}
