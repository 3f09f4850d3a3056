package io.tugboat.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text exactly as kubectl prints it ({@code json.MarshalIndent(obj, "", "    ")} over a Go map): keys in
 * alphabetical order, four-space indentation, {@code "key": value}, empty containers as {@code {}} and
 * {@code []}, and Go's escaping of {@code <}, {@code >} and {@code &} as {@code \u003c}, {@code \u003e},
 * {@code \u0026}.
 */
public final class GoJson {
    private GoJson() {
    }

    /** Indented, followed by a newline as {@code kubectl -o json} ends its output. */
    public static String indented(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, "", "    ");
        return out.append('\n').toString();
    }

    /** Compact, as Go's {@code json.Marshal} (keys sorted). */
    public static String compact(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, null, null);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, String indent, String step) {
        boolean pretty = indent != null;
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = sorted.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (pretty) {
                    out.append('\n').append(indent).append(step);
                }
                string(e.getKey(), out);
                out.append(pretty ? ": " : ":");
                write(e.getValue(), out, pretty ? indent + step : null, step);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            if (pretty) {
                out.append('\n').append(indent);
            }
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (pretty) {
                    out.append('\n').append(indent).append(step);
                }
                write(node.get(i), out, pretty ? indent + step : null, step);
                if (i < node.size() - 1) {
                    out.append(',');
                }
            }
            if (pretty) {
                out.append('\n').append(indent);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else {
            out.append(node.asText());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
