package io.tugboat.kubelet.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.ExecutorService;

/** The pipeline of one connection: HTTP/1.1 codec, an aggregator (requests here have no real body), the router. */
final class KubeletServerInitializer extends ChannelInitializer<SocketChannel> {
    private final ContainerLogsHandler logs;
    private final ContainerStreamsHandler streams;
    private final ExecutorService blocking;
    private final ChannelGroup connections;

    KubeletServerInitializer(ContainerLogsHandler logs, ContainerStreamsHandler streams, ExecutorService blocking,
                             ChannelGroup connections) {
        this.logs = logs;
        this.streams = streams;
        this.blocking = blocking;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(64 * 1024))
                .addLast(new KubeletHttpHandler(logs, streams, blocking));
    }
}
