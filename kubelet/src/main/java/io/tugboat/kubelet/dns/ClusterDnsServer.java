package io.tugboat.kubelet.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The DNS server's bootstrap: one UDP channel and one TCP listener on the same address and port (53), both feeding
 * {@link ClusterDnsHandler}. Pipelines in {@link ClusterDnsServerInitializer}. Forwarded questions wait on a small pool
 * of threads, so a slow upstream never stalls the answers the node gives itself.
 */
public final class ClusterDnsServer implements AutoCloseable {
    private final InetSocketAddress requested;
    private final EventLoopGroup group;
    private final ExecutorService blocking;
    private final ClusterDnsHandler handler;
    private Channel udp;
    private Channel tcp;

    /** @param port 53; 0 in tests: any free port, the same for UDP and TCP */
    public ClusterDnsServer(InetAddress address, int port, ClusterDnsResolver resolver, UpstreamForwarder forwarder) {
        this.requested = new InetSocketAddress(address, port);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cluster-dns-io", true), NioIoHandler.newFactory());
        this.blocking = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                new DefaultThreadFactory("cluster-dns-forward", true));
        ((ThreadPoolExecutor) blocking).allowCoreThreadTimeOut(true);
        this.handler = new ClusterDnsHandler(resolver, forwarder, blocking);
    }

    /**
     * Binds UDP, then TCP on the port UDP got. With port 0 the free UDP port may be taken for TCP; then it tries
     * another, a few times.
     *
     * @throws BindException if the address is taken (another DNS server, or a second kubelet configured with the
     *                       same address) or is not one of this host's
     */
    public ClusterDnsServer start() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                bind();
                return this;
            } catch (BindException e) {
                if (requested.getPort() != 0 || attempt == 5) {
                    close();
                    throw e;
                }
            }
        }
    }

    private void bind() throws IOException {
        try {
            udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(ClusterDnsServerInitializer.udp(handler)).bind(requested).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) udp.localAddress();
            tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(ClusterDnsServerInitializer.tcp(handler)).bind(bound).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding " + requested, e);
        } catch (Exception e) { // Netty rethrows the socket's checked exceptions unchecked
            if (udp != null) {
                udp.close().awaitUninterruptibly();
                udp = null;
            }
            BindException bind = new BindException("cannot listen on " + requested + " (UDP and TCP): " + e.getMessage());
            bind.initCause(e);
            throw bind;
        }
    }

    /** Where it listens (the port chosen when asked for 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    @Override
    public void close() {
        if (udp != null) {
            udp.close().awaitUninterruptibly();
        }
        if (tcp != null) {
            tcp.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
        blocking.shutdownNow();
    }
}
