package io.tugboat.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.IntOrString;
import io.tugboat.api.Quantity;
import io.tugboat.api.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints values the way the Go API server does in validation messages, so Tugboat's messages are byte-for-byte
 * those of Kubernetes for the values that matter.
 *
 * <p>Kubernetes' {@code ErrorBody} prints a string with {@code %q} (Go quoting), an integer or boolean with
 * {@code %v}, and everything else with {@code json.Marshal}. Go's JSON sorts map keys, escapes {@code <}, {@code >}
 * and {@code &}, and (for the {@code omitempty} fields of the v1 types) leaves out empty lists and maps. Internal
 * Go types that have no JSON tags print their Go field names ({@code {"Key":"a","Effect":"NoSchedule"}});
 * {@link GoStruct} reproduces those.
 */
public final class GoFormat {

    private GoFormat() {
    }

    /**
     * A value of an internal Go type without JSON tags: printed with its Go field names, in declaration order,
     * including null fields.
     */
    record GoStruct(Map<String, Object> fields) {
        static GoStruct of(Object... namesAndValues) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return new GoStruct(fields);
        }
    }

    /** How a bad value is printed after {@code Invalid value: }. */
    static String value(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Boolean) {
            return v.toString();
        }
        return json(v);
    }

    /** Go's {@code strconv.Quote}: double quotes, backslash escapes, printable Unicode kept as is. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (isGoPrintable(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp < 0x80) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isGoPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE,
                    Character.PRIVATE_USE, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Go's {@code json.Marshal} of the value. */
    static String json(Object v) {
        StringBuilder out = new StringBuilder();
        writeJson(out, v, true);
        return out.toString();
    }

    private static void writeJson(StringBuilder out, Object v, boolean topLevel) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            writeJsonString(out, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof IntOrString ios) {
            if (ios.isInt()) {
                out.append(ios.intValue());
            } else {
                writeJsonString(out, ios.strValue());
            }
        } else if (v instanceof Quantity q) {
            writeJsonString(out, q.toString());
        } else if (v instanceof Instant t) {
            writeJsonString(out, Rfc3339.format(t));
        } else if (v instanceof GoStruct struct) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : struct.fields().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeJsonString(out, e.getKey());
                out.append(':');
                writeJson(out, e.getValue(), false);
            }
            out.append('}');
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeJsonString(out, e.getKey());
                out.append(':');
                writeJson(out, e.getValue(), false);
            }
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeJson(out, list.get(i), false);
            }
            out.append(']');
        } else if (v instanceof JsonNode node) {
            writeNode(out, node);
        } else {
            // An API record: its JSON form (field order of the Go struct, map keys sorted, nulls left out)
            // without the empty lists and maps that Go's omitempty would drop.
            writeNode(out, withoutEmpty(Codec.toTree(v)));
        }
    }

    private static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, val) -> sorted.put(String.valueOf(k), val));
        return sorted;
    }

    private static JsonNode withoutEmpty(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode object = node.deepCopy();
            List<String> drop = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                JsonNode child = withoutEmpty(e.getValue());
                if ((child.isObject() || child.isArray()) && child.isEmpty() || child.isNull()) {
                    drop.add(e.getKey());
                } else {
                    object.set(e.getKey(), child);
                }
            }
            object.remove(drop);
            return object;
        }
        return node;
    }

    private static void writeNode(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeJsonString(out, e.getKey());
                out.append(':');
                writeNode(out, e.getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeNode(out, node.get(i));
            }
            out.append(']');
        } else if (node.isTextual()) {
            writeJsonString(out, node.textValue());
        } else {
            out.append(node.toString());
        }
    }

    /** A JSON string as Go writes it: HTML-sensitive characters and line separators escaped. */
    private static void writeJsonString(StringBuilder out, String s) {
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
