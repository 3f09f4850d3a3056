package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Equality of JSON values as the patch formats define it, not as Jackson does.
 *
 * <p>Jackson keeps the token it parsed: {@code 80} is an {@code IntNode} and {@code 80.0} a
 * {@code DoubleNode}, and the two are not {@code equals}. Both RFC 6902 ("numbers are equal if their
 * values are numerically equal") and Kubernetes (which decodes every JSON number to a Go
 * {@code float64}) treat them as the same value, so every comparison in this package goes through
 * here.
 */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * Whether two values are the same JSON value: numbers compared by value, objects by their
     * members regardless of order, arrays element by element. {@code null} (absent) equals only
     * {@code null}.
     */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> member : a.properties()) {
                if (!same(member.getValue(), b.get(member.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<JsonNode> left = a.elements();
            Iterator<JsonNode> right = b.elements();
            while (left.hasNext()) {
                if (!same(left.next(), right.next())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A short name for the JSON type of a value, for error messages. */
    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "list";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case MISSING -> "nothing";
        };
    }
}
