package io.tugboat.apiserver.rest;

import java.util.Locale;

/**
 * Picks the response format from the {@code Accept} header, as Kubernetes does: the first media range the
 * server can produce wins. {@code kubectl get} asks for {@code application/json;as=Table;v=v1;g=meta.k8s.io}
 * first; protobuf and other forms Tugboat does not produce are skipped; nothing acceptable is 406.
 */
public final class Negotiation {
    public enum Format { JSON, YAML, TABLE }

    private Negotiation() {
    }

    public static Format responseFormat(ApiRequest request) {
        String accept = request.header("accept");
        if (accept == null || accept.isBlank()) {
            return Format.JSON;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            String as = null;
            String g = null;
            String v = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2) {
                    switch (kv[0].trim()) {
                        case "as" -> as = kv[1].trim();
                        case "g" -> g = kv[1].trim();
                        case "v" -> v = kv[1].trim();
                        default -> { }
                    }
                }
            }
            if (as != null) {
                if (type.equals("application/json") && as.equals("Table") && "meta.k8s.io".equals(g)
                        && ("v1".equals(v) || "v1beta1".equals(v))) {
                    return Format.TABLE;
                }
                continue; // PartialObjectMetadata and aggregated discovery are not served
            }
            switch (type) {
                case "application/json", "application/*", "*/*", "application/json-seq" -> {
                    return Format.JSON;
                }
                case "application/yaml" -> {
                    return Format.YAML;
                }
                default -> { }
            }
        }
        throw ApiError.notAcceptable("only the following media types are accepted: application/json, application/yaml, "
                + "application/json;as=Table;v=v1;g=meta.k8s.io");
    }
}
