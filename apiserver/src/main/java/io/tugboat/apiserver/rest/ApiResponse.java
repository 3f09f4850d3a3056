package io.tugboat.apiserver.rest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete response.
 *
 * @param status      HTTP status code
 * @param contentType the body's media type
 * @param body        the body bytes
 * @param headers     extra headers (e.g. {@code Warning}, {@code Retry-After}); a header may repeat
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, List<String>> headers) implements Reply {

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, "application/json", body, new LinkedHashMap<>());
    }

    public static ApiResponse text(int status, String body) {
        return new ApiResponse(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.merge(name, List.of(value), (a, b) -> {
            var merged = new java.util.ArrayList<>(a);
            merged.addAll(b);
            return merged;
        });
        return new ApiResponse(status, contentType, body, copy);
    }
}
