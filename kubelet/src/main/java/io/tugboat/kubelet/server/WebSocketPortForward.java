package io.tugboat.kubelet.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The upgrade half of the WebSocket port-forward ({@code /portForward/{namespace}/{pod}?ports=8080}, subprotocol
 * {@code v4.channel.k8s.io}): checks the ports, finds the pod's IP (a blocking runtime call, off the event loop,
 * with reading paused), then completes the handshake and hands the connection to
 * {@link WebSocketPortForwardHandler}. A pod without a running sandbox or a bad port is a plain HTTP error.
 */
final class WebSocketPortForward {
    static final String PROTOCOL = "v4.channel.k8s.io";
    private static final int MAX_MESSAGE = 1024 * 1024;

    private WebSocketPortForward() {
    }

    /** Whether this is a WebSocket upgrade offering the channel protocol (not kubectl's SPDY-over-WebSocket). */
    static boolean offered(FullHttpRequest request) {
        String protocols = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "");
        return "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))
                && List.of(protocols.split("\\s*,\\s*")).contains(PROTOCOL);
    }

    /** The ports of {@code ?ports=} (repeated or comma-separated), or {@code null} if one is not a valid port. */
    static List<Integer> ports(Map<String, List<String>> query) {
        List<Integer> ports = new ArrayList<>();
        for (String value : query.getOrDefault("ports", List.of())) {
            for (String part : value.split(",")) {
                try {
                    int port = Integer.parseInt(part.strip());
                    if (port < 1 || port > 65535) {
                        return null;
                    }
                    ports.add(port);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return ports;
    }

    static void serve(ChannelHandlerContext ctx, FullHttpRequest request, String namespace, String pod,
                      Map<String, List<String>> query, ContainerStreamsHandler streams, ExecutorService blocking) {
        Channel channel = ctx.channel();
        List<Integer> ports = ports(query);
        if (ports == null || ports.isEmpty()) {
            KubeletHttpHandler.reply(channel, 400, "port-forward over WebSocket needs ?ports= with ports 1-65535");
            return;
        }
        FullHttpRequest upgrade = request.retainedDuplicate();
        channel.config().setAutoRead(false);
        blocking.execute(() -> {
            String podIp;
            try {
                podIp = streams.podIp(namespace, pod);
            } catch (ContainerStreamsHandler.Refusal refusal) {
                upgrade.release();
                KubeletHttpHandler.reply(channel, refusal.code(), refusal.getMessage());
                return;
            }
            channel.eventLoop().execute(() -> handshake(ctx, upgrade, podIp, ports));
        });
    }

    private static void handshake(ChannelHandlerContext ctx, FullHttpRequest request, String podIp, List<Integer> ports) {
        Channel channel = ctx.channel();
        try {
            String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "kubelet") + request.uri();
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, PROTOCOL, false, MAX_MESSAGE)
                    .newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            WebSocketPortForwardHandler forward = new WebSocketPortForwardHandler(podIp, ports);
            ctx.pipeline().addLast(new WebSocketFrameAggregator(MAX_MESSAGE), forward);
            ctx.pipeline().remove(ctx.handler());
            ChannelFuture done = handshaker.handshake(channel, request);
            done.addListener(f -> {
                if (f.isSuccess()) {
                    forward.begin(channel);
                    channel.config().setAutoRead(true);
                } else {
                    channel.close();
                }
            });
        } finally {
            request.release();
        }
    }
}
