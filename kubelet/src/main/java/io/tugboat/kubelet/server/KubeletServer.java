package io.tugboat.kubelet.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tugboat.kubelet.streaming.ContainerStreams;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * The kubelet's port ({@code --port}, 10250 by default), on Netty — HTTPS with client certificates when given a
 * {@link KubeletTls} (every request but {@code /healthz} must come from an identity {@link KubeletAuthorizer} allows),
 * plain HTTP without authentication otherwise:
 * <ul>
 *   <li>{@code GET /healthz};</li>
 *   <li>{@code GET /containerLogs/{namespace}/{pod}/{container}}, which the API server's {@code pods/log} proxies to;</li>
 *   <li>{@code /exec/{namespace}/{pod}/{container}?command=..&input=1&output=1&error=1&tty=1} and
 *       {@code /attach/...}: WebSocket upgrades speaking {@link StreamProtocol}, reached through the API server's
 *       {@code pods/exec} and {@code pods/attach}.</li>
 * </ul>
 * Netty rather than the JDK's HTTP server because a WebSocket needs the connection handed over after the 101,
 * which the JDK server cannot do. Three classes, as in Netty's examples: this bootstrap,
 * {@link KubeletServerInitializer} (the pipeline), {@link KubeletHttpHandler} (routing). Anything that blocks —
 * Docker calls, log copying, a session's output pump — runs on {@link #blocking}, never on the event loop.
 */
public final class KubeletServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService blocking;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ServerBootstrap bootstrap;
    private final InetSocketAddress address;
    private Channel listener;

    public KubeletServer(String bindAddress, int port, ContainerLogsHandler logs) {
        this(bindAddress, port, logs, null);
    }

    /** A plain-HTTP server without authentication (tests; {@code tug kubelet --insecure-http}). */
    public KubeletServer(String bindAddress, int port, ContainerLogsHandler logs, ContainerStreamsHandler streams) {
        this(bindAddress, port, logs, streams, null);
    }

    /**
     * @param streams exec and attach; null: those paths answer 404
     * @param tls     HTTPS with client certificates and {@link KubeletAuthorizer its policy}; null: plain HTTP
     * @throws IllegalArgumentException when the certificate, key or CA file cannot be read
     */
    public KubeletServer(String bindAddress, int port, ContainerLogsHandler logs, ContainerStreamsHandler streams,
                         KubeletTls tls) {
        SslContext ssl = tls == null ? null : sslContext(tls);
        AtomicInteger ids = new AtomicInteger();
        blocking = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kubelet-http-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("kubelet-http-accept", true), NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("kubelet-http-io", true), NioIoHandler.newFactory());
        address = new InetSocketAddress(bindAddress, port);
        bootstrap = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new KubeletServerInitializer(logs, streams, blocking, connections, ssl,
                        tls == null ? null : tls.authorizer()));
    }

    /**
     * The server side of TLS: our certificate, and client certificates verified against the cluster CA. Client
     * authentication is OPTIONAL rather than REQUIRE so that a caller without a certificate gets an HTTP 401 it
     * can read (and {@code /healthz}) instead of a failed handshake; {@link KubeletAuthorizer} refuses it.
     */
    static SslContext sslContext(KubeletTls tls) {
        try {
            return SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile())
                    .trustManager(tls.clientCaFile().toFile())
                    .clientAuth(ClientAuth.OPTIONAL)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use --tls-cert-file " + tls.certFile() + ", --tls-private-key-file "
                    + tls.keyFile() + ", --client-ca-file " + tls.clientCaFile() + ": " + e.getMessage(), e);
        }
    }

    public KubeletServer start() throws IOException {
        try {
            listener = bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address, e);
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The port it listens on (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
        blocking.shutdownNow();
    }
}
