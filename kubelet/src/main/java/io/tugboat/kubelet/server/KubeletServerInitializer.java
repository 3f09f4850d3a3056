package io.tugboat.kubelet.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.ExecutorService;

/** The pipeline of one connection: TLS (unless plain HTTP), HTTP/1.1 codec, an aggregator (requests here have no real body), the router. */
final class KubeletServerInitializer extends ChannelInitializer<SocketChannel> {
    private final ContainerLogsHandler logs;
    private final ContainerStreamsHandler streams;
    private final ExecutorService blocking;
    private final ChannelGroup connections;
    private final SslContext ssl;
    private final KubeletAuthorizer authorizer;

    /** @param ssl null: plain HTTP, and {@code authorizer} is null too (nobody is authenticated) */
    KubeletServerInitializer(ContainerLogsHandler logs, ContainerStreamsHandler streams, ExecutorService blocking,
                             ChannelGroup connections, SslContext ssl, KubeletAuthorizer authorizer) {
        this.ssl = ssl;
        this.authorizer = authorizer;
        this.logs = logs;
        this.streams = streams;
        this.blocking = blocking;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        if (ssl != null) {
            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(64 * 1024))
                .addLast(new KubeletHttpHandler(logs, streams, blocking, authorizer));
    }
}
