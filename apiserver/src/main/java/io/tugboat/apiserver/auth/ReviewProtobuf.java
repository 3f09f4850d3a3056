package io.tugboat.apiserver.auth;

import io.tugboat.api.authorization.NonResourceAttributes;
import io.tugboat.api.authorization.ResourceAttributes;
import io.tugboat.api.authorization.SelfSubjectAccessReview;
import io.tugboat.api.authorization.SelfSubjectAccessReviewSpec;
import io.tugboat.api.authorization.SelfSubjectRulesReview;
import io.tugboat.api.authorization.SelfSubjectRulesReviewSpec;
import io.tugboat.api.authorization.SubjectAccessReview;
import io.tugboat.api.authorization.SubjectAccessReviewSpec;
import io.tugboat.apiserver.rest.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the three review kinds from Kubernetes' protobuf encoding, which kubectl's typed clients send
 * ({@code Content-Type: application/vnd.kubernetes.protobuf}) for {@code kubectl auth can-i}. Only the request
 * fields are read (metadata and status are ignored, as the server ignores them); the answer goes back as JSON,
 * which those clients also accept.
 *
 * <p>The wire format: the 4 bytes {@code k8s\0}, then a {@code runtime.Unknown} message whose field 2 holds the
 * object's own message. Field numbers are those of {@code k8s.io/api/authorization/v1/generated.proto}:
 * <pre>
 *   SelfSubjectAccessReview  { 2: spec { 1: resourceAttributes, 2: nonResourceAttributes } }
 *   SubjectAccessReview      { 2: spec { 1: resourceAttributes, 2: nonResourceAttributes, 3: user, 4: groups*, 6: uid } }
 *   SelfSubjectRulesReview   { 2: spec { 1: namespace } }
 *   ResourceAttributes       { 1: namespace, 2: verb, 3: group, 4: version, 5: resource, 6: subresource, 7: name }
 *   NonResourceAttributes    { 1: path, 2: verb }
 * </pre>
 */
final class ReviewProtobuf {
    static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ReviewProtobuf() {
    }

    static SelfSubjectAccessReview selfSubjectAccessReview(byte[] body) {
        Map<Integer, List<byte[]>> spec = fields(field(fields(object(body)), 2));
        return SelfSubjectAccessReview.of(null, new SelfSubjectAccessReviewSpec(resource(field(spec, 1)),
                nonResource(field(spec, 2))), null);
    }

    static SubjectAccessReview subjectAccessReview(byte[] body) {
        Map<Integer, List<byte[]>> spec = fields(field(fields(object(body)), 2));
        List<String> groups = spec.getOrDefault(4, List.of()).stream().map(ReviewProtobuf::string).toList();
        return SubjectAccessReview.of(null, new SubjectAccessReviewSpec(resource(field(spec, 1)), nonResource(field(spec, 2)),
                string(field(spec, 3)), groups, null, string(field(spec, 6))), null);
    }

    static SelfSubjectRulesReview selfSubjectRulesReview(byte[] body) {
        Map<Integer, List<byte[]>> spec = fields(field(fields(object(body)), 2));
        return SelfSubjectRulesReview.of(null, new SelfSubjectRulesReviewSpec(string(field(spec, 1))), null);
    }

    private static ResourceAttributes resource(byte[] message) {
        if (message == null) {
            return null;
        }
        Map<Integer, List<byte[]>> f = fields(message);
        return new ResourceAttributes(string(field(f, 1)), string(field(f, 2)), string(field(f, 3)), string(field(f, 4)),
                string(field(f, 5)), string(field(f, 6)), string(field(f, 7)));
    }

    private static NonResourceAttributes nonResource(byte[] message) {
        if (message == null) {
            return null;
        }
        Map<Integer, List<byte[]>> f = fields(message);
        return new NonResourceAttributes(string(field(f, 1)), string(field(f, 2)));
    }

    /** The object's message inside the {@code k8s\0} + runtime.Unknown envelope. */
    private static byte[] object(byte[] body) {
        if (body.length < MAGIC.length || body[0] != 'k' || body[1] != '8' || body[2] != 's' || body[3] != 0) {
            throw ApiError.badRequest("the protobuf body does not start with the k8s\\0 prefix");
        }
        byte[] envelope = java.util.Arrays.copyOfRange(body, MAGIC.length, body.length);
        byte[] raw = field(fields(envelope), 2);
        return raw == null ? new byte[0] : raw;
    }

    private static byte[] field(Map<Integer, List<byte[]>> fields, int number) {
        List<byte[]> values = fields.get(number);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static String string(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The length-delimited fields of a message, by number (varints and fixed-width values are skipped). */
    private static Map<Integer, List<byte[]>> fields(byte[] message) {
        Map<Integer, List<byte[]>> fields = new LinkedHashMap<>();
        if (message == null) {
            return fields;
        }
        int[] at = {0};
        try {
            while (at[0] < message.length) {
                long key = varint(message, at);
                int number = (int) (key >>> 3);
                switch ((int) (key & 7)) {
                    case 0 -> varint(message, at);
                    case 1 -> at[0] += 8;
                    case 5 -> at[0] += 4;
                    case 2 -> {
                        int length = (int) varint(message, at);
                        if (length < 0 || at[0] + length > message.length) {
                            throw ApiError.badRequest("truncated protobuf body");
                        }
                        fields.computeIfAbsent(number, n -> new ArrayList<>())
                                .add(java.util.Arrays.copyOfRange(message, at[0], at[0] + length));
                        at[0] += length;
                    }
                    default -> throw ApiError.badRequest("unsupported protobuf wire type " + (key & 7));
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw ApiError.badRequest("truncated protobuf body");
        }
        return fields;
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
