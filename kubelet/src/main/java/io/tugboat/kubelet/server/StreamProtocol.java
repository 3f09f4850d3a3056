package io.tugboat.kubelet.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' channel protocol for exec and attach over WebSocket ({@code v4.channel.k8s.io},
 * {@code v5.channel.k8s.io}). Every binary message starts with one byte naming its channel:
 *
 * <pre>
 *   0 stdin    client → kubelet   bytes for the process
 *   1 stdout   kubelet → client
 *   2 stderr   kubelet → client
 *   3 error    kubelet → client   once, at the end: a Status (Success, or Failure with the exit code)
 *   4 resize   client → kubelet   {"Width":80,"Height":24}
 * 255 close    client → kubelet   v5 only: one more byte, the channel the client closed (0: end of stdin)
 * </pre>
 *
 * Example: the client types {@code ls⏎} → {@code [0,'l','s','\n']}; the process prints {@code a} →
 * {@code [1,'a','\n']}; {@code exit 3} → {@code [3, {"status":"Failure","reason":"NonZeroExitCode",...}]}.
 * v4 has no way to say "end of stdin", which is why {@code echo hi | kubectl exec -i pod -- cat} needs v5.
 * Pure functions only: the Netty side is {@link StreamSessionHandler}.
 */
public final class StreamProtocol {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int ERROR = 3;
    public static final int RESIZE = 4;
    public static final int CLOSE = 255;

    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";
    /** Offered in order of preference; the client's first match wins. */
    public static final List<String> SUBPROTOCOLS = List.of(V5, V4);

    private StreamProtocol() {
    }

    /** One message: its channel byte followed by the payload. */
    public static byte[] frame(int channel, byte[] payload) {
        byte[] framed = new byte[payload.length + 1];
        framed[0] = (byte) channel;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        return framed;
    }

    /**
     * The Status sent on the error channel when the process ends, as the Kubernetes kubelet sends it: Success for
     * exit code 0 (or none, as with attach), otherwise Failure / NonZeroExitCode with the code in
     * {@code details.causes[reason=ExitCode].message} — that cause is where kubectl reads its own exit code from.
     */
    public static byte[] exitStatus(Integer exitCode, List<String> command) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("metadata", Map.of());
        if (exitCode == null || exitCode == 0) {
            status.put("status", "Success");
        } else {
            status.put("status", "Failure");
            status.put("message", "command terminated with non-zero exit code: error executing command " + command
                    + ", exit code " + exitCode);
            status.put("reason", "NonZeroExitCode");
            status.put("details", Map.of("causes", List.of(Map.of("reason", "ExitCode", "message", Integer.toString(exitCode)))));
        }
        return Codec.toJson(status);
    }

    /** A Status for a session that could not run at all (the container went away, Docker refused...). */
    public static byte[] failureStatus(String message) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", "InternalError");
        status.put("code", 500);
        return Codec.toJson(status);
    }

    /** A terminal size from a resize message, or empty for a malformed one (ignored, as Kubernetes does). */
    public static Optional<int[]> parseResize(byte[] payload) {
        try {
            JsonNode node = Codec.json().readTree(new String(payload, StandardCharsets.UTF_8));
            int width = node.path("Width").asInt(0);
            int height = node.path("Height").asInt(0);
            return width > 0 && height > 0 ? Optional.of(new int[] {width, height}) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
