package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The special keys of a strategic merge patch, and how to drop them from content that is inserted
 * rather than merged.
 *
 * <pre>
 * $patch: replace | delete                 on an object, or as a list element
 * $retainKeys: [a, b]                      clear every other key of this object
 * $setElementOrder/&lt;list&gt;: [...]           the order the list should end up in
 * $deleteFromPrimitiveList/&lt;list&gt;: [...]   values to remove from a list of primitives
 * </pre>
 */
final class Directives {

    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private Directives() {
    }

    /**
     * The list field a {@code $setElementOrder/} or {@code $deleteFromPrimitiveList/} key refers to.
     *
     * @throws PatchException (400) when the key names no field, like {@code "$setElementOrder/"}
     */
    static String listField(String key, String prefix) throws PatchException {
        String field = key.substring(prefix.length());
        if (field.isEmpty()) {
            throw PatchException.malformed("directive \"%s\" must name a list, as in \"%scontainers\"", key, prefix);
        }
        return field;
    }

    /** The value of {@code $patch} in an object, or {@code null} if the object has none. */
    static String patchDirective(JsonNode object, String path) throws PatchException {
        JsonNode directive = object.get(PATCH);
        if (directive == null) {
            return null;
        }
        if (!directive.isTextual()) {
            throw PatchException.malformed("%s: $patch must be a string, not %s", where(path), directive);
        }
        return directive.asText();
    }

    /**
     * A copy of a patch value, ready to be stored where nothing was to merge it with: a new field,
     * a new list element, the content of {@code $patch: replace}.
     *
     * <p>Kubernetes drops two things from such content, and so does this: members whose value is
     * {@code null} (a request to delete something that is not there), and objects carrying
     * {@code $patch} (a directive with nothing to act on — a new list element marked
     * {@code $patch: delete} simply disappears). It also drops the other directive keys
     * ({@code $retainKeys}, {@code $setElementOrder/...}, {@code $deleteFromPrimitiveList/...}),
     * which Kubernetes would leave for its decoder to reject; here they would end up stored.
     * Fields with {@link PatchSchema.Strategy#REPLACE} are copied literally.
     *
     * @return the cleaned copy, or {@code null} when the value itself is a {@code $patch} object
     * @throws PatchException (400) for a {@code $}-key that is not a known directive
     */
    static JsonNode withoutDirectives(JsonNode value, PatchSchema type, String path) throws PatchException {
        if (value.isObject()) {
            if (value.has(PATCH)) {
                return null;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                String key = member.getKey();
                JsonNode child = member.getValue();
                if (child.isNull() || isListDirective(key) || key.equals(RETAIN_KEYS)) {
                    continue;
                }
                requireNoUnknownDirective(key, path);
                PatchSchema.Field rule = type.field(key);
                JsonNode cleaned = rule.strategy() == PatchSchema.Strategy.REPLACE
                        ? child.deepCopy()
                        : withoutDirectives(child, rule.type(), path + "." + key);
                if (cleaned != null) {
                    copy.set(key, cleaned);
                }
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                JsonNode cleaned = withoutDirectives(value.get(i), type, path + "[" + i + "]");
                if (cleaned != null) {
                    copy.add(cleaned);
                }
            }
            return copy;
        }
        return value.deepCopy();
    }

    static boolean isListDirective(String key) {
        return key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    }

    /** Kubernetes objects have no field starting with {@code $}, so such a key is a typo'd directive. */
    static void requireNoUnknownDirective(String key, String path) throws PatchException {
        if (key.startsWith("$")) {
            throw PatchException.malformed("%s: unknown directive \"%s\"", where(path), key);
        }
    }

    /** A field path for messages: {@code spec.containers[name=web]}, or "the object" at the top. */
    static String where(String path) {
        return path.isEmpty() ? "the object" : path.startsWith(".") ? path.substring(1) : path;
    }
}
