package io.tugboat.kubelet.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.tugboat.kubelet.streaming.ContainerStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one HTTP request: {@code /healthz}, {@code /containerLogs/...}, {@code /exec/...}, {@code /attach/...}.
 * Every answer that is not an upgrade closes the connection: the API server opens one connection per request, and
 * a connection that was meant to be upgraded must never serve a second request.
 */
final class KubeletHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(KubeletHttpHandler.class);
    /** The largest WebSocket message accepted (stdin chunks are small; kubectl sends at most 32 KiB at a time). */
    private static final int MAX_MESSAGE = 1024 * 1024;

    private final ContainerLogsHandler logs;
    private final ContainerStreamsHandler streams;
    private final ExecutorService blocking;

    KubeletHttpHandler(ContainerLogsHandler logs, ContainerStreamsHandler streams, ExecutorService blocking) {
        this.logs = logs;
        this.blocking = blocking;
        this.streams = streams;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String[] parts = uri.path().split("/");
        if (uri.path().equals("/healthz")) {
            reply(ctx.channel(), 200, "ok");
        } else if (parts.length == 5 && parts[1].equals("containerLogs") && request.method().equals(HttpMethod.GET)) {
            serveLogs(ctx.channel(), parts, uri.parameters());
        } else if (parts.length == 5 && (parts[1].equals("exec") || parts[1].equals("attach")) && streams != null) {
            serveStream(ctx, request, parts, uri.parameters());
        } else if (parts.length == 4 && parts[1].equals("portForward") && streams != null
                && WebSocketPortForward.offered(request)) {
            WebSocketPortForward.serve(ctx, request, parts[2], parts[3], uri.parameters(), streams, blocking);
        } else if (parts.length == 4 && parts[1].equals("portForward") && streams != null) {
            serveForward(ctx, request, parts[2], parts[3]);
        } else {
            reply(ctx.channel(), 404, "not found");
        }
    }

    private void serveLogs(Channel channel, String[] parts, Map<String, List<String>> query) {
        ContainerLogsHandler.Request request;
        try {
            request = new ContainerLogsHandler.Request(parts[2], parts[3], parts[4], flag(query, "follow"),
                    query.containsKey("tailLines") ? Integer.valueOf(first(query, "tailLines")) : null,
                    flag(query, "previous"), flag(query, "timestamps"));
        } catch (NumberFormatException e) {
            reply(channel, 400, "bad tailLines");
            return;
        }
        blocking.execute(() -> {
            ChunkedBody body = new ChunkedBody(channel);
            try {
                logs.serve(request, new ContainerLogsHandler.Response() {
                    @Override
                    public void fail(int code, String message) {
                        reply(channel, code, message);
                    }

                    @Override
                    public OutputStream begin() {
                        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                        channel.writeAndFlush(head);
                        body.begun = true;
                        return body;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                log.debug("serving a log failed: {}", e.toString());
            } finally {
                if (body.begun) {
                    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
                }
            }
        });
    }

    /**
     * Opens the session first (on a blocking thread: Docker calls), and only then upgrades: a container that is
     * missing or stopped is a plain HTTP error the API server passes on, not a WebSocket that closes at once.
     * Reading is paused meanwhile so no byte of the client's can arrive before the frame handler is in place.
     */
    private void serveStream(ChannelHandlerContext ctx, FullHttpRequest request, String[] parts, Map<String, List<String>> query) {
        Channel channel = ctx.channel();
        if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
            reply(channel, 400, "Upgrade request required");
            return;
        }
        boolean attach = parts[1].equals("attach");
        ContainerStreams.Options options = new ContainerStreams.Options(flag(query, "input") || flag(query, "stdin"),
                flag(query, "output") || flag(query, "stdout"), flag(query, "error") || flag(query, "stderr"), flag(query, "tty"));
        List<String> command = query.getOrDefault("command", List.of());
        ContainerStreamsHandler.Request open = new ContainerStreamsHandler.Request(attach, parts[2], parts[3], parts[4], command, options);
        FullHttpRequest upgrade = request.retainedDuplicate();
        channel.config().setAutoRead(false);
        blocking.execute(() -> {
            ContainerStreams.Session session;
            try {
                session = streams.open(open);
            } catch (ContainerStreamsHandler.Refusal refusal) {
                upgrade.release();
                reply(channel, refusal.code(), refusal.getMessage());
                return;
            } catch (RuntimeException e) {
                upgrade.release();
                log.warn("opening {} failed", open, e);
                reply(channel, 500, e.toString());
                return;
            }
            channel.eventLoop().execute(() -> upgrade(ctx, upgrade, session, command, options));
        });
    }

    /**
     * {@code /portForward/{namespace}/{pod}}: a SPDY/3.1 upgrade ({@code X-Stream-Protocol-Version:
     * portforward.k8s.io}), after which the connection is a SPDY session served by {@link PortForwardHandler}.
     * A WebSocket upgrade offering only {@code SPDY/3.1+portforward.k8s.io} is refused with 400, which makes kubectl
     * fall back from its SPDY-over-WebSocket tunnel to plain SPDY; one offering {@code v4.channel.k8s.io} is
     * served by {@link WebSocketPortForward} (what {@code tug port-forward} speaks).
     */
    private void serveForward(ChannelHandlerContext ctx, FullHttpRequest request, String namespace, String pod) {
        Channel channel = ctx.channel();
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE, "");
        String protocols = request.headers().get("X-Stream-Protocol-Version", "");
        if (!upgrade.equalsIgnoreCase("SPDY/3.1") || !protocols.contains("portforward.k8s.io")) {
            reply(channel, 400, "port-forward needs an upgrade to SPDY/3.1 with X-Stream-Protocol-Version: portforward.k8s.io");
            return;
        }
        channel.config().setAutoRead(false);
        blocking.execute(() -> {
            String podIp;
            try {
                podIp = streams.podIp(namespace, pod);
            } catch (ContainerStreamsHandler.Refusal refusal) {
                reply(channel, refusal.code(), refusal.getMessage());
                return;
            }
            channel.eventLoop().execute(() -> {
                FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
                switching.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
                switching.headers().set(HttpHeaderNames.UPGRADE, "SPDY/3.1");
                switching.headers().set("X-Stream-Protocol-Version", "portforward.k8s.io");
                // no SpdySessionHandler: its SPDY/3.1 session flow control is more than kubectl's spdystream speaks
                ctx.pipeline().addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1), new PortForwardHandler(podIp));
                ctx.pipeline().remove(HttpObjectAggregator.class);
                ctx.writeAndFlush(switching).addListener((ChannelFutureListener) written -> {
                    if (!written.isSuccess()) {
                        channel.close();
                        return;
                    }
                    ctx.pipeline().remove(HttpServerCodec.class);
                    ctx.pipeline().remove(KubeletHttpHandler.this);
                    channel.config().setAutoRead(true);
                });
            });
        });
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, ContainerStreams.Session session,
                         List<String> command, ContainerStreams.Options options) {
        Channel channel = ctx.channel();
        try {
            String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "kubelet") + request.uri();
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url,
                    String.join(",", StreamProtocol.SUBPROTOCOLS), false, MAX_MESSAGE).newHandshaker(request);
            if (handshaker == null) {
                session.close();
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            StreamSessionHandler frames = new StreamSessionHandler(session, command, options, blocking);
            ctx.pipeline().addLast(new WebSocketFrameAggregator(MAX_MESSAGE), frames);
            ctx.pipeline().remove(this);
            ChannelFuture done = handshaker.handshake(channel, request);
            done.addListener(f -> {
                if (f.isSuccess()) {
                    frames.begin(channel, handshaker.selectedSubprotocol());
                    channel.config().setAutoRead(true);
                } else {
                    session.close();
                    channel.close();
                }
            });
        } finally {
            request.release();
        }
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static void reply(Channel channel, int code, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.config().setAutoRead(true);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }

    /** A chunked body written from a blocking thread; each write waits until Netty took it (back pressure). */
    private static final class ChunkedBody extends OutputStream {
        private final Channel channel;
        volatile boolean begun;

        ChunkedBody(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!channel.isActive()) {
                throw new IOException("the client went away");
            }
            ChannelFuture f = channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, len)));
            f.awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new IOException("the client went away", f.cause());
            }
        }
    }
}
