package io.tugboat.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.Decoded;
import io.tugboat.api.meta.KubernetesObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decoding request bodies: content type, JSON or YAML, and what to do with fields the model does not know
 * ({@code fieldValidation}: Ignore, Warn — the default — or Strict).
 */
public final class Bodies {
    private static final Set<String> UNMODELLED = loadUnmodelled();

    private Bodies() {
    }

    /** A decoded body and the {@code Warning} header values it produced. */
    public record Body<T>(T value, List<String> warnings) {
    }

    private static Set<String> loadUnmodelled() {
        Set<String> names = new HashSet<>();
        try (InputStream in = Bodies.class.getResourceAsStream("/kubernetes-unmodelled-fields.txt")) {
            if (in == null) {
                throw new IllegalStateException("kubernetes-unmodelled-fields.txt is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Whether the body is YAML; throws 415 for anything but JSON and YAML. */
    static boolean isYaml(ApiRequest request) {
        String type = request.contentType();
        return switch (type) {
            case "", "application/json" -> false;
            case "application/yaml", "application/x-yaml", "text/yaml" -> true;
            default -> throw ApiError.unsupportedMediaType(type);
        };
    }

    /** Parses the body into a JSON tree (JSON or YAML by content type). */
    public static JsonNode tree(ApiRequest request, boolean yaml) {
        if (request.body().length == 0) {
            throw ApiError.badRequest("the request body is empty");
        }
        checkUtf8(request.body());
        try {
            return Codec.readTree(request.body(), yaml);
        } catch (DecodeException e) {
            throw ApiError.badRequest(yaml ? e.getMessage() : "error decoding JSON: " + e.getMessage());
        }
    }

    /** Kubernetes rejects bodies that are not valid UTF-8 before decoding them. */
    private static void checkUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("the request body is not valid UTF-8");
        }
    }

    /** Decodes the body as {@code type}, applying the request's field validation to unknown fields. */
    public static <T> Body<T> decode(ApiRequest request, Class<T> type) {
        boolean yaml = isYaml(request);
        if (!yaml) {
            // The common case, decoded straight from the bytes without building a tree first.
            if (request.body().length == 0) {
                throw ApiError.badRequest("the request body is empty");
            }
            checkUtf8(request.body());
            Decoded<T> decoded;
            try {
                decoded = Codec.fromJson(request.body(), type);
            } catch (DecodeException e) {
                throw ApiError.badRequest("error decoding JSON: " + e.getMessage());
            }
            return new Body<>(decoded.value(), unknownFieldWarnings(request, decoded.unknownFields()));
        }
        JsonNode tree = tree(request, true);
        if (!tree.isObject()) {
            throw ApiError.badRequest("the request body must be a JSON object, got " + tree.getNodeType().name().toLowerCase());
        }
        return fromTree(request, tree, type);
    }

    /** Decodes a tree (e.g. the result of a patch) as {@code type}, applying field validation. */
    public static <T> Body<T> fromTree(ApiRequest request, JsonNode tree, Class<T> type) {
        Decoded<T> decoded;
        try {
            decoded = Codec.fromTree(tree, type);
        } catch (DecodeException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        return new Body<>(decoded.value(), unknownFieldWarnings(request, decoded.unknownFields()));
    }

    private static List<String> unknownFieldWarnings(ApiRequest request, List<String> unknown) {
        String mode = request.param("fieldValidation");
        if (mode == null || mode.isEmpty()) {
            mode = "Warn";
        }
        switch (mode) {
            case "Ignore", "Warn", "Strict" -> { }
            default -> throw ApiError.badRequest("fieldValidation parameter unsupported: " + mode
                    + " (supported: Ignore, Warn, Strict)");
        }
        if (unknown.isEmpty() || mode.equals("Ignore")) {
            return List.of();
        }
        if (mode.equals("Strict")) {
            List<String> foreign = unknown.stream().filter(path -> !UNMODELLED.contains(lastSegment(path))).toList();
            if (!foreign.isEmpty()) {
                throw ApiError.badRequest("strict decoding error: " + foreign.stream()
                        .map(p -> "unknown field \"" + p + "\"").collect(Collectors.joining(", ")));
            }
        }
        List<String> warnings = new ArrayList<>();
        for (String path : unknown) {
            warnings.add("unknown field \"" + path + "\"" + (UNMODELLED.contains(lastSegment(path))
                    ? " (a Kubernetes field Tugboat does not support; ignored)" : ""));
        }
        return warnings;
    }

    private static String lastSegment(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }

    /** A {@code Warning} header value as RFC 7234 and kubectl expect: {@code 299 - "text"}. */
    public static String warningHeader(String text) {
        return "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Exposed for tests and other decoders. */
    public static Body<KubernetesObject> decodeAny(ApiRequest request) {
        JsonNode tree = tree(request, isYaml(request));
        try {
            Decoded<KubernetesObject> decoded = Codec.decodeObject(tree);
            return new Body<>(decoded.value(), unknownFieldWarnings(request, decoded.unknownFields()));
        } catch (DecodeException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
