package io.tugboat.apiserver.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tugboat.apiserver.auth.RequestAuthenticator;
import io.tugboat.apiserver.auth.RequestAuthorizer;
import io.tugboat.apiserver.auth.UserInfo;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.ApiRequest;
import io.tugboat.apiserver.rest.ApiResponse;
import io.tugboat.apiserver.rest.Reply;
import io.tugboat.apiserver.rest.ResponseStream;
import io.tugboat.apiserver.rest.Responses;
import io.tugboat.apiserver.rest.Router;
import io.tugboat.apiserver.rest.StreamProxy;
import io.tugboat.apiserver.rest.StreamingReply;
import io.tugboat.apiserver.rest.UpgradeReply;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty edge: turns a decoded HTTP request into an {@link ApiRequest}, runs the {@link Router} on a worker
 * thread (storage calls block, and must never block the event loop), and writes the {@link Reply} back —
 * whole, or chunk by chunk for watches and log streams. It also applies the max-in-flight limits (429 with
 * {@code Retry-After} beyond them; long-running requests are not counted) and writes the access log line.
 *
 * <p>On the worker, before the router sees it, every request is authenticated ({@link RequestAuthenticator}: 401
 * unless its credentials name a user) and authorized ({@link RequestAuthorizer}: 403 unless the user may); the
 * request handed on carries the user and no credentials. On the plain loopback listener there is no
 * authentication: the user is {@code system:unsecured}.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger access = LoggerFactory.getLogger("io.tugboat.apiserver.access");
    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final Router router;
    private final Executor workers;
    private final Semaphore mutating;
    private final Semaphore readOnly;
    /** {@code null} on the plain listener. */
    private final RequestAuthenticator authenticator;
    private final RequestAuthorizer authorizer;
    /** TLS towards kubelets for exec/attach/portforward; {@code null}: plain HTTP. */
    private final SslContext kubeletTls;
    /** Set by an upgrade request: this connection then serves no other HTTP request (one handler per connection). */
    private boolean upgradeRequested;

    HttpRequestHandler(Router router, Executor workers, Semaphore mutating, Semaphore readOnly,
                       RequestAuthenticator authenticator, RequestAuthorizer authorizer, SslContext kubeletTls) {
        this.kubeletTls = kubeletTls;
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.router = router;
        this.workers = workers;
        this.mutating = mutating;
        this.readOnly = readOnly;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        long start = System.nanoTime();
        // An upgrade (exec, attach) is never followed by another HTTP request on this connection: stop reading until
        // the kubelet has answered, so that no byte meant for it is parsed as HTTP here, and close after an error.
        // (An h2c upgrade offer, which the JDK's HTTP client adds to plain requests, is not one: it is ignored.)
        boolean upgrade = StreamProxy.isUpgrade(msg.headers().get(HttpHeaderNames.UPGRADE), msg.headers().get(HttpHeaderNames.CONNECTION));
        if (upgradeRequested) {
            return; // whatever a client pipelined behind an upgrade request is dropped, never answered or forwarded
        }
        if (upgrade) {
            upgradeRequested = true;
            ctx.channel().config().setAutoRead(false);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(msg) && !upgrade;
        if (msg.decoderResult().isFailure()) {
            writeWhole(ctx, Responses.error(ApiError.badRequest("malformed HTTP request: " + msg.decoderResult().cause())),
                    false, msg.method().name(), msg.uri(), start, null);
            return;
        }
        ApiRequest request;
        try {
            request = toApiRequest(msg);
        } catch (IllegalArgumentException e) {
            writeWhole(ctx, Responses.error(ApiError.badRequest("malformed request URI: " + e.getMessage())),
                    keepAlive, msg.method().name(), msg.uri(), start, null);
            return;
        }
        boolean longRunning = upgrade || request.flag("watch") || request.path().contains("/watch/")
                || (request.path().endsWith("/log") && request.flag("follow"));
        Semaphore limit = longRunning ? null
                : (request.method().equals("GET") || request.method().equals("HEAD") ? readOnly : mutating);
        if (limit != null && !limit.tryAcquire()) {
            writeWhole(ctx, Responses.error(ApiError.tooManyRequests("Too many requests, please try again later.", 1)),
                    keepAlive, request.method(), msg.uri(), start, null);
            return;
        }
        String uri = msg.uri();
        List<X509Certificate> peer = peerCertificates(ctx);
        try {
            workers.execute(() -> {
                try {
                    serve(ctx, request, peer, keepAlive, uri, start);
                } finally {
                    if (limit != null) {
                        limit.release();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (limit != null) {
                limit.release();
            }
            writeWhole(ctx, Responses.error(ApiError.tooManyRequests("the server is shutting down", 1)), false,
                    request.method(), uri, start, null);
        }
    }

    private void serve(ChannelHandlerContext ctx, ApiRequest received, List<X509Certificate> peer, boolean keepAlive,
                       String uri, long start) {
        Reply reply;
        ApiRequest request = received;
        try {
            request = authenticator == null ? RequestAuthenticator.unsecured(received)
                    : authenticator.authenticate(received, peer);
            authorizer.authorize(request);
            reply = router.route(request);
        } catch (ApiError e) {
            reply = Responses.error(e);
        } catch (RuntimeException e) {
            log.error("internal error serving {} {}", request.method(), uri, e);
            reply = Responses.error(ApiError.internal(e.toString()));
        }
        if (reply instanceof ApiResponse response) {
            writeWhole(ctx, response, keepAlive, request.method(), uri, start, request.user());
        } else if (reply instanceof StreamingReply streaming) {
            writeStream(ctx, streaming, request.method(), uri, start, request.user());
        } else if (reply instanceof UpgradeReply upgrade) {
            logAccess(request.method(), uri, 101, start, request.user(), " (upgrade to " + upgrade.kubelet().authority() + ")");
            UpgradeProxy.start(ctx.channel(), upgrade, kubeletTls);
        }
    }

    /** The certificate chain the client presented in the TLS handshake, leaf first; empty without TLS or a certificate. */
    private static List<X509Certificate> peerCertificates(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // no client certificate
        }
    }

    private static ApiRequest toApiRequest(FullHttpRequest msg) {
        QueryStringDecoder decoder = new QueryStringDecoder(msg.uri());
        Map<String, String> headers = new LinkedHashMap<>();
        msg.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b));
        byte[] body = new byte[msg.content().readableBytes()];
        msg.content().getBytes(msg.content().readerIndex(), body);
        Map<String, List<String>> query = new LinkedHashMap<>();
        decoder.parameters().forEach((k, v) -> query.put(k, new ArrayList<>(v)));
        return new ApiRequest(msg.method().name(), decoder.path(), query, headers, body);
    }

    /** @param user who sent the request, {@code null} when it was answered before authentication */
    static void writeWhole(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive, String method, String uri,
                           long start, UserInfo user) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        response.headers().forEach((name, values) -> values.forEach(v -> http.headers().add(name, v)));
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var future = ctx.writeAndFlush(http);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        logAccess(method, uri, response.status(), start, user, "");
    }

    private static void writeStream(ChannelHandlerContext ctx, StreamingReply reply, String method, String uri, long start,
                                    UserInfo user) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()));
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
        ctx.writeAndFlush(head);
        NettyResponseStream stream = new NettyResponseStream(ctx.channel());
        logAccess(method, uri, reply.status(), start, user, " (streaming)");
        try {
            reply.producer().accept(stream);
        } catch (RuntimeException e) {
            log.error("stream producer failed for {} {}", method, uri, e);
            stream.close();
        }
    }

    /** One line per request: never a header, so never a credential; the user's name only, once authenticated. */
    private static void logAccess(String method, String uri, int code, long start, UserInfo user, String note) {
        if (access.isInfoEnabled()) {
            long micros = (System.nanoTime() - start) / 1000;
            access.info("verb={} path=\"{}\" code={} latency={}us user=\"{}\"{}", method, uri, code, micros,
                    user == null ? "" : user.name(), note);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }

    /** A chunked response on a Netty channel. Writes are thread-safe and never block. */
    static final class NettyResponseStream implements ResponseStream {
        private final Channel channel;
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final AtomicLong pending = new AtomicLong();
        private final List<Runnable> callbacks = new ArrayList<>();

        NettyResponseStream(Channel channel) {
            this.channel = channel;
            channel.closeFuture().addListener(f -> close());
        }

        @Override
        public boolean write(byte[] chunk) {
            if (!open.get() || !channel.isActive()) {
                return false;
            }
            pending.addAndGet(chunk.length);
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)))
                    .addListener(f -> pending.addAndGet(-chunk.length));
            return true;
        }

        @Override
        public long pendingBytes() {
            return pending.get();
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                if (channel.isActive()) {
                    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                }
                List<Runnable> toRun;
                synchronized (callbacks) {
                    toRun = new ArrayList<>(callbacks);
                    callbacks.clear();
                }
                toRun.forEach(Runnable::run);
            }
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public void onClose(Runnable callback) {
            synchronized (callbacks) {
                if (open.get()) {
                    callbacks.add(callback);
                    return;
                }
            }
            callback.run();
        }
    }
}
