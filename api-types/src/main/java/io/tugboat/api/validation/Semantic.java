package io.tugboat.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Equality as Kubernetes' {@code apiequality.Semantic.DeepEqual} sees it: an absent list or map equals an empty
 * one, and quantities compare by value ({@code 1000m} equals {@code 1}). Used for the "field is immutable" rules,
 * where a client that sends {@code []} instead of leaving a field out must not be told it changed the field.
 */
final class Semantic {

    private Semantic() {
    }

    static boolean equal(Object a, Object b) {
        return normalize(a).equals(normalize(b));
    }

    private static JsonNode normalize(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        JsonNode node = strip(Codec.toTree(value));
        return isEmpty(node) ? NullNode.getInstance() : node;
    }

    private static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            List<String> empty = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : copy.properties()) {
                JsonNode child = strip(e.getValue());
                if (isEmpty(child)) {
                    empty.add(e.getKey());
                } else {
                    e.setValue(child);
                }
            }
            copy.remove(empty);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(strip(element)));
            return copy;
        }
        return node;
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isNull() || (node.isObject() || node.isArray()) && node.isEmpty();
    }
}
