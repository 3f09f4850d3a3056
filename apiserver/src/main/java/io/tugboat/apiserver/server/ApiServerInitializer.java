package io.tugboat.apiserver.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.tugboat.api.Codec;
import io.tugboat.apiserver.auth.RequestAuthenticator;
import io.tugboat.apiserver.auth.RequestAuthorizer;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.Router;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * The pipeline of one connection: TLS on the secure port, then the HTTP/1.1 codec, then an aggregator that refuses bodies over
 * {@link #MAX_BODY_BYTES} with a 413 {@code Status} (as soon as the headers say so, without reading the body),
 * then {@link HttpRequestHandler}.
 */
final class ApiServerInitializer extends ChannelInitializer<SocketChannel> {
    /** Kubernetes' limit on request bodies. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    /** Every open connection, so that stopping the server closes them (and ends their watches) at once. */
    private final ChannelGroup connections;
    private final Router router;
    private final Executor workers;
    private final Semaphore mutating;
    private final Semaphore readOnly;
    /** TLS for the secure port; {@code null} on the plain loopback listener. */
    private final SslContext tls;
    /** Who sent a request (secure port); {@code null} on the plain listener, whose requests are UNSECURED. */
    private final RequestAuthenticator authenticator;
    private final RequestAuthorizer authorizer;
    /** TLS towards kubelets (exec, attach, portforward), or {@code null} for plain HTTP. */
    private final SslContext kubeletTls;

    ApiServerInitializer(Router router, Executor workers, Semaphore mutating, Semaphore readOnly, ChannelGroup connections,
                         SslContext tls, RequestAuthenticator authenticator, RequestAuthorizer authorizer,
                         SslContext kubeletTls) {
        this.kubeletTls = kubeletTls;
        this.connections = connections;
        this.tls = tls;
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.router = router;
        this.workers = workers;
        this.mutating = mutating;
        this.readOnly = readOnly;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        if (tls != null) {
            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast(new HttpServerCodec(4096, 64 * 1024, 8192))
                .addLast(new StatusAggregator())
                .addLast(new HttpRequestHandler(router, workers, mutating, readOnly, authenticator, authorizer,
                        kubeletTls));
    }

    /**
     * Answers oversized bodies with a Kubernetes Status instead of Netty's bare 413, as soon as the headers
     * announce the size. On a keep-alive connection the aggregator then discards the rest of the body as it
     * arrives (nothing is buffered) and the connection stays usable; closing at once instead would reset the
     * connection under a client still sending, and it would never see the 413.
     */
    private static final class StatusAggregator extends HttpObjectAggregator {
        StatusAggregator() {
            super(MAX_BODY_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            byte[] body = Codec.toJson(ApiError.tooLarge("the request body is larger than the maximum of "
                    + MAX_BODY_BYTES + " bytes").status());
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            boolean close = oversized instanceof FullHttpMessage
                    || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }
}
