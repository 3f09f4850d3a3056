package io.tugboat.kubectl.container;

import io.tugboat.client.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One forwarded connection: a local socket joined to one WebSocket on {@code pods/x/portforward?ports=N}, speaking
 * Kubernetes' WebSocket port-forward protocol ({@code v4.channel.k8s.io}): messages on channel 0 are data, on
 * channel 1 errors, each channel's first message being the port number (two bytes, little-endian), which is skipped.
 *
 * <pre>
 *   local socket ──read──▶ [0, bytes...] ──▶ API server ──▶ kubelet ──▶ pod:N
 *   local socket ◀──write── [0, bytes...] ◀──────────────────────────── pod:N
 *   local end of input ──▶ WebSocket close ──▶ the kubelet closes the pod connection ──▶ close ──▶ socket closed
 * </pre>
 *
 * The JDK WebSocket delivers one message at a time ({@code request(1)} after each), so a slow local reader slows
 * the stream down instead of piling up bytes here.
 */
final class PortForwardStream implements WebSocket.Listener {
    static final String PROTOCOL = "v4.channel.k8s.io";

    private final Socket local;
    private final PrintWriter err;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final boolean[] portSeen = new boolean[2];

    private PortForwardStream(Socket local, PrintWriter err) {
        this.local = local;
        this.err = err;
    }

    /** Forwards {@code local} to {@code remotePort} of the pod at {@code podPath}; returns when both sides ended. */
    static void run(ApiClient client, String podPath, int remotePort, Socket local, PrintWriter err) {
        PortForwardStream stream = new PortForwardStream(local, err);
        WebSocket socket;
        try {
            socket = client.openWebSocket(podPath + "/portforward", List.of(Map.entry("ports", Integer.toString(remotePort))),
                    List.of(PROTOCOL), stream).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.closeLocal();
            return;
        } catch (Exception e) {
            stream.error("error upgrading connection: " + (e.getCause() == null ? e : e.getCause()).getMessage());
            stream.closeLocal();
            return;
        }
        byte[] buffer = new byte[32 * 1024];
        try (InputStream in = local.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ByteBuffer message = ByteBuffer.allocate(n + 1).put((byte) 0).put(buffer, 0, n).flip();
                socket.sendBinary(message, true).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the local client or the WebSocket went away: close both below
        }
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        partial.writeBytes(part);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            deliver(message);
        }
        webSocket.request(1);
        return null;
    }

    private void deliver(byte[] message) {
        if (message.length == 0 || (message[0] & 0xff) > 1) {
            return;
        }
        int channel = message[0];
        if (!portSeen[channel]) {
            portSeen[channel] = true; // the port number the server announces first on each channel
            return;
        }
        if (channel == 1) {
            error(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
            return;
        }
        try {
            OutputStream out = local.getOutputStream();
            out.write(message, 1, message.length - 1);
            out.flush();
        } catch (IOException e) {
            closeLocal(); // the local client is gone
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeLocal();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeLocal();
    }

    private void error(String message) {
        synchronized (err) {
            err.println("E " + message);
            err.flush();
        }
    }

    private void closeLocal() {
        try {
            local.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
