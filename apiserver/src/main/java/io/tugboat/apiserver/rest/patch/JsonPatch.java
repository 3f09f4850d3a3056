package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Patch (RFC 6902), the {@code application/json-patch+json} body of a {@code PATCH} request.
 *
 * <p>A JSON Patch is a list of operations applied one after the other; if any of them fails, the
 * whole patch fails and the target is left as it was:
 * <pre>
 * [ {"op": "test",    "path": "/metadata/resourceVersion", "value": "42"},
 *   {"op": "replace", "path": "/spec/replicas",            "value": 3},
 *   {"op": "add",     "path": "/metadata/labels/tier",     "value": "web"},
 *   {"op": "remove",  "path": "/spec/template/spec/containers/1"} ]
 * </pre>
 * Paths are JSON Pointers (RFC 6901): {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}
 * inside a member name, so the label {@code app.kubernetes.io/name} is
 * {@code /metadata/labels/app.kubernetes.io~1name}. In an array, {@code -} means "after the last
 * element" and is only meaningful for {@code add}.
 *
 * <p>Errors follow the Kubernetes API server: a body that is not a list of objects is
 * {@link PatchException.Reason#BAD_REQUEST}; everything that goes wrong while applying an operation —
 * an unknown {@code op}, a missing {@code path}, a failed {@code test}, a path that does not exist —
 * is {@link PatchException.Reason#INVALID}, because Kubernetes only learns about those while
 * applying; more than {@link #MAX_OPERATIONS} operations is
 * {@link PatchException.Reason#REQUEST_ENTITY_TOO_LARGE}.
 */
public final class JsonPatch {

    /** The most operations Kubernetes accepts in one JSON Patch. */
    public static final int MAX_OPERATIONS = 10_000;

    private JsonPatch() {
    }

    /**
     * Applies {@code patch} to {@code target}.
     *
     * @param target the document to patch; not modified
     * @param patch  the JSON Patch document, a JSON array of operation objects
     * @return a new document with every operation applied
     * @throws PatchException when the patch is malformed or one of its operations fails
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) throws PatchException {
        if (patch == null || !patch.isArray()) {
            throw PatchException.malformed("a JSON patch must be a list of operations, not a %s",
                    JsonValues.typeName(patch));
        }
        for (int i = 0; i < patch.size(); i++) {
            if (!patch.get(i).isObject()) {
                throw PatchException.malformed("JSON patch operation %d must be an object, not a %s",
                        i, JsonValues.typeName(patch.get(i)));
            }
        }
        if (patch.size() > MAX_OPERATIONS) {
            throw new PatchException(PatchException.Reason.REQUEST_ENTITY_TOO_LARGE, String.format(
                    "the allowed maximum operations in a JSON patch is %d, got %d", MAX_OPERATIONS, patch.size()));
        }
        Document document = new Document(target == null ? NullNode.getInstance() : target.deepCopy());
        for (int i = 0; i < patch.size(); i++) {
            applyOperation(document, patch.get(i), i);
        }
        return document.root;
    }

    private static void applyOperation(Document document, JsonNode operation, int index) throws PatchException {
        String op = member(operation, "op", index);
        JsonPointer path = JsonPointer.parse(member(operation, "path", index));
        String where = "operation " + index + " (" + op + " \"" + path + "\")";
        switch (op) {
            case "add" -> document.add(path, value(operation, where), where);
            case "remove" -> document.remove(path, where);
            case "replace" -> document.replace(path, value(operation, where), where);
            case "move" -> {
                JsonPointer from = JsonPointer.parse(member(operation, "from", index));
                if (from.isProperPrefixOf(path)) {
                    throw PatchException.notApplicable("%s: cannot move \"%s\" into one of its own children", where, from);
                }
                if (!from.equals(path)) {
                    document.add(path, document.remove(from, where), where);
                }
            }
            case "copy" -> {
                JsonPointer from = JsonPointer.parse(member(operation, "from", index));
                document.add(path, document.existing(from, where).deepCopy(), where);
            }
            case "test" -> {
                JsonNode expected = value(operation, where);
                JsonNode actual = document.existing(path, where);
                if (!JsonValues.same(actual, expected)) {
                    throw PatchException.notApplicable("%s: test failed, the value is %s, not %s", where, actual, expected);
                }
            }
            default -> throw PatchException.notApplicable("operation %d: unknown op \"%s\"", index, op);
        }
    }

    /** A required string member of an operation; its absence is only found while applying (422). */
    private static String member(JsonNode operation, String name, int index) throws PatchException {
        JsonNode member = operation.get(name);
        if (member == null || !member.isTextual()) {
            throw PatchException.notApplicable("operation %d: \"%s\" must be a string, not %s",
                    index, name, JsonValues.typeName(member));
        }
        return member.asText();
    }

    private static JsonNode value(JsonNode operation, String where) throws PatchException {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw PatchException.notApplicable("%s: \"value\" is missing", where);
        }
        return value.deepCopy();
    }

    /** The document being patched. The root is a field because {@code add ""} replaces it. */
    private static final class Document {

        private JsonNode root;

        Document(JsonNode root) {
            this.root = root;
        }

        /** The value at {@code pointer}, or {@code null} if nothing is there. */
        private JsonNode find(JsonPointer pointer) {
            JsonNode node = root;
            for (String token : pointer.tokens()) {
                if (node.isObject()) {
                    node = node.get(token);
                } else if (node.isArray()) {
                    int i = arrayIndex(token);
                    node = i >= 0 && i < node.size() ? node.get(i) : null;
                } else {
                    return null;
                }
                if (node == null) {
                    return null;
                }
            }
            return node;
        }

        JsonNode existing(JsonPointer pointer, String where) throws PatchException {
            JsonNode node = find(pointer);
            if (node == null) {
                throw PatchException.notApplicable("%s: nothing exists at \"%s\"", where, pointer);
            }
            return node;
        }

        private JsonNode container(JsonPointer pointer, String where) throws PatchException {
            JsonNode parent = find(pointer.parent());
            if (parent == null || !parent.isContainerNode()) {
                throw PatchException.notApplicable("%s: \"%s\" has no parent object or list to hold it", where, pointer);
            }
            return parent;
        }

        void add(JsonPointer pointer, JsonNode value, String where) throws PatchException {
            if (pointer.isRoot()) {
                root = value;
                return;
            }
            JsonNode parent = container(pointer, where);
            if (parent instanceof ObjectNode object) {
                object.set(pointer.last(), value);
                return;
            }
            ArrayNode array = (ArrayNode) parent;
            if (pointer.last().equals("-")) {
                array.add(value);
                return;
            }
            int i = arrayIndex(pointer.last());
            if (i < 0 || i > array.size()) {
                throw PatchException.notApplicable("%s: \"%s\" is not an index from 0 to %d or \"-\"",
                        where, pointer.last(), array.size());
            }
            array.insert(i, value);
        }

        JsonNode remove(JsonPointer pointer, String where) throws PatchException {
            if (pointer.isRoot()) {
                throw PatchException.notApplicable("%s: the whole document cannot be removed", where);
            }
            existing(pointer, where);
            JsonNode parent = container(pointer, where);
            if (parent instanceof ObjectNode object) {
                return object.remove(pointer.last());
            }
            return ((ArrayNode) parent).remove(arrayIndex(pointer.last()));
        }

        void replace(JsonPointer pointer, JsonNode value, String where) throws PatchException {
            if (pointer.isRoot()) {
                root = value;
                return;
            }
            existing(pointer, where);
            JsonNode parent = container(pointer, where);
            if (parent instanceof ObjectNode object) {
                object.set(pointer.last(), value);
            } else {
                ((ArrayNode) parent).set(arrayIndex(pointer.last()), value);
            }
        }

        /**
         * The array index a token names, or -1. RFC 6901 allows only {@code 0} or digits without a
         * leading zero; {@code -} and anything else is not an index.
         */
        private static int arrayIndex(String token) {
            if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
                return -1;
            }
            for (int i = 0; i < token.length(); i++) {
                if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                    return -1;
                }
            }
            return Integer.parseInt(token);
        }
    }
}
