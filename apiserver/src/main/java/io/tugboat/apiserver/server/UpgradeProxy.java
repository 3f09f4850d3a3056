package io.tugboat.apiserver.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.tugboat.api.Codec;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.UpgradeReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a client's upgrade request to a kubelet, as Kubernetes' {@code UpgradeAwareHandler} does:
 *
 * <pre>
 *   client ──GET pods/web/exec, Upgrade──▶ API server ──one GET /exec/..., Upgrade──▶ kubelet
 *                                                     ◀──101 Switching Protocols──
 *          ◀──101 (the kubelet's handshake headers)──
 *          ◀═════════════ raw bytes both ways until either side closes ═════════════▶
 * </pre>
 *
 * <p>Rules (the CVE-2018-1002105 class: an upgrade that fails must not leave a connection to the kubelet that
 * the client can keep using with the API server's authority):
 * <ul>
 *   <li>a fresh kubelet connection per upgrade, never pooled or reused;</li>
 *   <li>exactly one request is written to it — built here from the {@link UpgradeReply}, with only the
 *       handshake headers, no body; the client's connection is not read until the kubelet has said 101;</li>
 *   <li>any answer but 101 is passed on (as a Kubernetes {@code Status}) and then both connections are closed.</li>
 * </ul>
 * Both connections live on the client's event loop, so no locking is needed between them.
 */
final class UpgradeProxy {
    private static final Logger log = LoggerFactory.getLogger(UpgradeProxy.class);
    /** How much of a refusing kubelet's body is passed on. */
    private static final int MAX_REFUSAL_BODY = 64 * 1024;

    private UpgradeProxy() {
    }

    /** Starts the proxy; the client's channel must have auto-read off (set when the upgrade request arrived). */
    static void start(Channel client, UpgradeReply target, SslContext kubeletTls) {
        new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (kubeletTls != null) {
                            // made with the kubelet's address, so that its certificate is checked for that address
                            ch.pipeline().addLast(kubeletTls.newHandler(ch.alloc(), target.kubelet().host(), target.kubelet().port()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new KubeletSide(client));
                    }
                })
                .connect(target.kubelet().host(), target.kubelet().port())
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        refuse(client, ApiError.unavailable("the kubelet at " + target.kubelet().authority()
                                + " cannot be reached: " + connected.cause().getMessage()));
                        return;
                    }
                    Channel kubelet = connected.channel();
                    client.closeFuture().addListener(f -> kubelet.close());
                    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target.path());
                    request.headers().set(HttpHeaderNames.HOST, target.kubelet().authority());
                    target.forwardedHeaders().forEach(h -> request.headers().add(h[0], h[1]));
                    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                    kubelet.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                });
    }

    /** Answers the client with a Status and closes its connection. */
    private static void refuse(Channel client, ApiError error) {
        byte[] body = Codec.toJson(error.status());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(error.code()), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        client.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The kubelet connection: reads the answer to the one request, then relays bytes to the client. */
    private static final class KubeletSide extends ChannelInboundHandlerAdapter {
        private final Channel client;
        private HttpResponse refusal;
        private final ByteBuf refusalBody = Unpooled.buffer();
        private boolean upgraded;
        /** Bytes that arrived right behind the 101, before the client's side was ready for them. */
        private final List<ByteBuf> early = new ArrayList<>();
        private boolean relaying;

        KubeletSide(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (upgraded && !(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg); // the empty end of the 101's (absent) body, decoded before the codec left
            } else if (relaying) {
                relay(ctx.channel(), client, msg);
            } else if (upgraded) {
                early.add((ByteBuf) msg);
            } else if (msg instanceof HttpResponse head && head.status().code() == 101) {
                upgraded = true;
                ctx.channel().config().setAutoRead(false);
                ctx.pipeline().remove(HttpClientCodec.class); // what followed the 101 comes here as bytes
                switchClient(ctx, head);
                ReferenceCountUtil.release(msg);
            } else {
                collectRefusal(ctx, msg);
            }
        }

        /** Sends the 101 on, then turns the client's pipeline from HTTP into a byte relay. */
        private void switchClient(ChannelHandlerContext kubeletCtx, HttpResponse head) {
            FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
            switching.headers().set(head.headers());
            client.writeAndFlush(switching).addListener((ChannelFutureListener) written -> {
                if (!written.isSuccess()) {
                    client.close();
                    kubeletCtx.close();
                    return;
                }
                ChannelPipeline pipeline = client.pipeline();
                pipeline.addLast(new ClientSide(kubeletCtx.channel()));
                pipeline.remove(HttpRequestHandler.class);
                pipeline.remove(HttpObjectAggregator.class);
                pipeline.remove(HttpServerCodec.class);
                relaying = true;
                early.forEach(bytes -> relay(kubeletCtx.channel(), client, bytes));
                early.clear();
                kubeletCtx.channel().config().setAutoRead(true);
                client.config().setAutoRead(true);
            });
        }

        private void collectRefusal(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpResponse head) {
                    refusal = head;
                }
                if (msg instanceof HttpContent content && refusalBody.readableBytes() < MAX_REFUSAL_BODY) {
                    refusalBody.writeBytes(content.content(), Math.min(content.content().readableBytes(),
                            MAX_REFUSAL_BODY - refusalBody.readableBytes()));
                }
                if (msg instanceof LastHttpContent && refusal != null) {
                    int code = refusal.status().code();
                    String text = refusalBody.toString(StandardCharsets.UTF_8).strip();
                    log.debug("the kubelet refused an upgrade with {}: {}", code, text);
                    refuse(client, kubeletError(code, text));
                    ctx.close();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            refusalBody.release();
            early.forEach(ReferenceCountUtil::release);
            early.clear();
            if (!upgraded && refusal == null) {
                refuse(client, ApiError.unavailable("the kubelet closed the connection without answering"));
            } else {
                client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && relaying) {
                client.config().setAutoRead(true);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("kubelet connection error: {}", cause.toString());
            ctx.close();
        }
    }

    /** The client connection once upgraded: bytes go to the kubelet, its end ends the kubelet connection. */
    private static final class ClientSide extends ChannelInboundHandlerAdapter {
        private final Channel kubelet;

        ClientSide(Channel kubelet) {
            this.kubelet = kubelet;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            relay(ctx.channel(), kubelet, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            kubelet.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                kubelet.config().setAutoRead(true);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("client connection error: {}", cause.toString());
            ctx.close();
        }
    }

    /** Copies one message on; pauses reading {@code from} while {@code to} cannot keep up (back pressure). */
    private static void relay(Channel from, Channel to, Object msg) {
        to.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                from.close();
                to.close();
            }
        });
        if (!to.isWritable()) {
            from.config().setAutoRead(false);
        }
    }

    /** The kubelet's plain-text refusal as the Status a client expects from the API server. */
    static ApiError kubeletError(int code, String text) {
        String message = text.isEmpty() ? "the kubelet answered " + code : text;
        return switch (code) {
            case 400 -> ApiError.badRequest(message);
            case 404 -> ApiError.notFound(message);
            case 503 -> ApiError.unavailable(message);
            default -> code >= 500 ? ApiError.internal(message) : ApiError.badRequest(message);
        };
    }
}
