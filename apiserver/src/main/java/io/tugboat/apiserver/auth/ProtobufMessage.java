package io.tugboat.apiserver.auth;

import io.tugboat.apiserver.rest.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of the protobuf wire format to read the request bodies kubectl's typed clients send as
 * {@code application/vnd.kubernetes.protobuf} for the kinds this package owns (authorization reviews, RBAC
 * objects): length-delimited fields by number (strings, nested messages, repeated values, map entries) and
 * varints. Field numbers come from each kind's {@code generated.proto}. Malformed input is a 400.
 *
 * <p>A Kubernetes protobuf body is the 4 bytes {@code k8s\0} and a {@code runtime.Unknown} whose field 2 is the
 * object: {@link #ofKubernetesBody} unwraps it.
 */
public final class ProtobufMessage {
    public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

    private final Map<Integer, List<byte[]>> bytes = new LinkedHashMap<>();
    private final Map<Integer, Long> varints = new LinkedHashMap<>();

    private ProtobufMessage(byte[] message) {
        int[] at = {0};
        try {
            while (at[0] < message.length) {
                long key = varint(message, at);
                int number = (int) (key >>> 3);
                switch ((int) (key & 7)) {
                    case 0 -> varints.put(number, varint(message, at));
                    case 1 -> at[0] += 8;
                    case 5 -> at[0] += 4;
                    case 2 -> {
                        int length = (int) varint(message, at);
                        if (length < 0 || at[0] + length > message.length) {
                            throw ApiError.badRequest("truncated protobuf body");
                        }
                        bytes.computeIfAbsent(number, n -> new ArrayList<>()).add(Arrays.copyOfRange(message, at[0], at[0] + length));
                        at[0] += length;
                    }
                    default -> throw ApiError.badRequest("unsupported protobuf wire type " + (key & 7));
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw ApiError.badRequest("truncated protobuf body");
        }
    }

    public static ProtobufMessage parse(byte[] message) {
        return new ProtobufMessage(message == null ? new byte[0] : message);
    }

    /** The object inside a Kubernetes protobuf body ({@code k8s\0} + runtime.Unknown). */
    public static ProtobufMessage ofKubernetesBody(byte[] body) {
        if (body.length < 4 || body[0] != 'k' || body[1] != '8' || body[2] != 's' || body[3] != 0) {
            throw ApiError.badRequest("the protobuf body does not start with the k8s\\0 prefix");
        }
        byte[] raw = parse(Arrays.copyOfRange(body, 4, body.length)).raw(2);
        return parse(raw == null ? new byte[0] : raw);
    }

    private byte[] raw(int number) {
        List<byte[]> values = bytes.get(number);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** A string field, or null when absent. */
    public String string(int number) {
        byte[] value = raw(number);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** A repeated string field; empty when absent. */
    public List<String> strings(int number) {
        return bytes.getOrDefault(number, List.of()).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** A nested message, or null when absent. */
    public ProtobufMessage message(int number) {
        byte[] value = raw(number);
        return value == null ? null : parse(value);
    }

    /** A repeated message field; empty when absent. */
    public List<ProtobufMessage> messages(int number) {
        return bytes.getOrDefault(number, List.of()).stream().map(ProtobufMessage::parse).toList();
    }

    /** A {@code map<string, string>} field (entries with key 1 and value 2), or null when absent. */
    public Map<String, String> stringMap(int number) {
        List<ProtobufMessage> entries = messages(number);
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (ProtobufMessage entry : entries) {
            map.put(entry.string(1) == null ? "" : entry.string(1), entry.string(2) == null ? "" : entry.string(2));
        }
        return map;
    }

    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw ApiError.badRequest("malformed protobuf varint");
    }
}
