package io.tugboat.client.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.client.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client side of {@code kubectl exec} / {@code kubectl attach}: a WebSocket to {@code pods/x/exec} speaking
 * Kubernetes' channel protocol ({@code v5.channel.k8s.io}, else {@code v4.channel.k8s.io}). Output arrives on
 * channels 1 and 2 and is written to the given streams; the process's end arrives on channel 3 as a Status,
 * which {@link #awaitExit()} turns into an exit code (0 for Success, the {@code ExitCode} cause of a
 * {@code NonZeroExitCode} failure).
 *
 * <p>Thread safety: {@link #stdin}, {@link #closeStdin} and {@link #resize} may be called from any thread; sends are
 * serialized here because a JDK WebSocket allows one outstanding send at a time.
 */
public final class RemoteCommand implements WebSocket.Listener, AutoCloseable {
    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";

    /** How the remote process ended: an exit code, and the server's message when it is not a plain success. */
    public record Exit(int code, String message) {
    }

    /** The session could not run (no such container, the kubelet refused, the connection broke). */
    public static final class RemoteCommandException extends Exception {
        public RemoteCommandException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final OutputStream stdout;
    private final OutputStream stderr;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final CompletableFuture<Exit> exit = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private volatile WebSocket socket;
    private volatile Exit status;

    private RemoteCommand(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Connects. {@code query} is the subresource's parameters ({@code command}, {@code container}, {@code stdin},
     * {@code stdout}, {@code stderr}, {@code tty}), a name may repeat.
     */
    public static RemoteCommand open(ApiClient client, String path, List<Map.Entry<String, String>> query,
                                     OutputStream stdout, OutputStream stderr) throws RemoteCommandException {
        RemoteCommand command = new RemoteCommand(stdout, stderr);
        try {
            command.socket = client.openWebSocket(path, query, List.of(V5, V4), command).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCommandException("interrupted while connecting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                int code = handshake.getResponse().statusCode();
                throw new RemoteCommandException("the server refused the connection upgrade (HTTP " + code + ")", cause);
            }
            throw new RemoteCommandException("cannot connect: " + cause, cause);
        } catch (TimeoutException e) {
            throw new RemoteCommandException("timed out connecting", e);
        }
        return command;
    }

    /** The negotiated protocol; with v4 there is no way to signal the end of stdin. */
    public String protocol() {
        return socket.getSubprotocol();
    }

    public void stdin(byte[] data, int length) throws IOException {
        byte[] message = new byte[length + 1];
        message[0] = 0;
        System.arraycopy(data, 0, message, 1, length);
        send(message);
    }

    /** End of input (v5); on v4 nothing can be said, as with kubectl. */
    public void closeStdin() throws IOException {
        if (V5.equals(protocol())) {
            send(new byte[] {(byte) 255, 0});
        }
    }

    public void resize(int width, int height) throws IOException {
        byte[] json = ("{\"Width\":" + width + ",\"Height\":" + height + "}").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[json.length + 1];
        message[0] = 4;
        System.arraycopy(json, 0, message, 1, json.length);
        send(message);
    }

    private void send(byte[] message) throws IOException {
        synchronized (sendLock) {
            try {
                socket.sendBinary(ByteBuffer.wrap(message), true).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            } catch (ExecutionException e) {
                throw new IOException("sending failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Waits for the end of the remote process. */
    public Exit awaitExit() throws RemoteCommandException, InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new RemoteCommandException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.write(bytes, 0, bytes.length);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            try {
                deliver(message);
            } catch (IOException e) {
                exit.completeExceptionally(e);
                webSocket.abort();
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    private void deliver(byte[] message) throws IOException {
        if (message.length == 0) {
            return;
        }
        switch (message[0]) {
            case 1 -> {
                stdout.write(message, 1, message.length - 1);
                stdout.flush();
            }
            case 2 -> {
                stderr.write(message, 1, message.length - 1);
                stderr.flush();
            }
            case 3 -> status = parseStatus(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
            default -> {
                // channels the server does not write; ignore
            }
        }
    }

    /** Success → 0; NonZeroExitCode → its ExitCode cause; any other failure → 1 with the server's message. */
    static Exit parseStatus(String json) {
        try {
            JsonNode node = Codec.json().readTree(json);
            if ("Success".equals(node.path("status").asText())) {
                return new Exit(0, null);
            }
            String message = node.path("message").asText("command failed");
            if ("NonZeroExitCode".equals(node.path("reason").asText())) {
                for (JsonNode cause : node.path("details").path("causes")) {
                    if ("ExitCode".equals(cause.path("reason").asText())) {
                        return new Exit(Integer.parseInt(cause.path("message").asText()), message);
                    }
                }
            }
            return new Exit(1, message);
        } catch (IOException | NumberFormatException e) {
            return new Exit(1, json.strip());
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        Exit ended = status;
        if (ended != null) {
            exit.complete(ended);
        } else {
            exit.completeExceptionally(new IOException("the connection closed before the command's status arrived"
                    + (reason == null || reason.isEmpty() ? "" : ": " + reason)));
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        Exit ended = status;
        if (ended != null) {
            exit.complete(ended);
        } else {
            exit.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null && !s.isOutputClosed()) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        if (s != null) {
            s.abort();
        }
    }

}
