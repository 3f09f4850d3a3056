package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merging a list field whose strategy is {@link PatchSchema.Strategy#MERGE}, and putting the result
 * in the order Kubernetes would.
 *
 * <h2>Contents</h2>
 * A list of objects is merged by its merge key: a patch element whose key matches an existing
 * element is merged into it, any other is appended; {@code {"name": "x", "$patch": "delete"}}
 * removes every element named {@code x}, and an element {@code {"$patch": "replace"}} makes the
 * rest of the patch list replace the whole list. A list of primitives is a set: the patch values
 * are added, duplicates dropped.
 *
 * <h2>Order</h2>
 * Kubernetes keeps two orders at once. Elements the patch mentions follow the order of the patch;
 * elements only the server has keep their relative order; the two are then interleaved by walking
 * both and taking the server's element first only when it came earlier on the server than the
 * patch element it is compared with. An element the server never had counts as "not earlier", so it
 * goes before the server elements still waiting:
 * <pre>
 * server: [a, b, c]      patch: [d, a']        result: [d, a', b, c]
 * server: [a, b, c]      patch: [c', a']       result: [b, c', a']
 * </pre>
 * With {@code $setElementOrder} the same interleaving runs a second time, with the directive's
 * order for the elements it names (see {@link StrategicMergePatch}).
 */
final class MergeLists {

    private MergeLists() {
    }

    /**
     * The merged list, and the server's order to interleave it with if it is ordered again.
     *
     * <p>{@code serverOrder} reproduces an observable detail of Kubernetes: for a list of objects it
     * is the server's elements that survived deletions, followed by as many newly added elements as
     * there were deletions. (The Go implementation appends new elements into the room deleted ones
     * left in the original list, and orders by that list afterwards.) It only matters when
     * {@code $setElementOrder} is combined with deletions and with elements only the server has,
     * and the upstream test "add map and delete map from merging list" pins it.
     */
    record Merged(List<JsonNode> elements, List<JsonNode> serverOrder) {
    }

    /** What identifies a list element: its merge key, or for primitives the value itself. */
    record Identity(String mergeKey) {

        static final Identity VALUE = new Identity(null);

        JsonNode of(JsonNode element) {
            return mergeKey == null ? element : element.get(mergeKey);
        }

        int indexIn(List<JsonNode> list, JsonNode element) {
            JsonNode id = of(element);
            for (int i = 0; i < list.size(); i++) {
                if (id != null && JsonValues.same(of(list.get(i)), id)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Merges {@code patch} into {@code original}, both lists of the field described by {@code rule}.
     * Elements of {@code original} may be modified; the caller owns them.
     */
    static Merged merge(ArrayNode original, ArrayNode patch, PatchSchema.Field rule, String path) throws PatchException {
        List<JsonNode> server = elements(original);
        List<JsonNode> patchElements = elements(patch);
        if (server.isEmpty() && patchElements.isEmpty()) {
            return new Merged(server, server);
        }
        if (!elementsAreObjects(server, patchElements, path)) {
            List<JsonNode> union = new ArrayList<>();
            for (JsonNode value : concat(server, patchElements)) {
                if (Identity.VALUE.indexIn(union, value) < 0) {
                    union.add(value.deepCopy());
                }
            }
            return new Merged(orderBy(union, patchElements, server, Identity.VALUE, path), server);
        }
        if (rule.mergeKey() == null) {
            throw PatchException.notApplicable("%s: a list of objects without a merge key cannot be merged",
                    Directives.where(path));
        }
        return mergeObjects(server, patchElements, rule, path);
    }

    private static Merged mergeObjects(List<JsonNode> server, List<JsonNode> patch, PatchSchema.Field rule, String path)
            throws PatchException {
        Identity identity = new Identity(rule.mergeKey());
        List<JsonNode> survivors = new ArrayList<>(server);
        List<JsonNode> plain = new ArrayList<>();
        boolean replace = false;
        for (JsonNode element : patch) {
            String directive = Directives.patchDirective(element, path);
            if (directive == null) {
                plain.add(element);
                continue;
            }
            switch (directive) {
                case "delete" -> {
                    JsonNode key = requireMergeKey(element, identity, path, "$patch: delete");
                    survivors.removeIf(existing -> JsonValues.same(identity.of(existing), key));
                }
                case "replace" -> replace = true;
                case "merge" -> throw PatchException.malformed(
                        "%s: $patch: merge is not accepted in a list; a list with a merge key is merged already",
                        Directives.where(path));
                default -> throw PatchException.malformed("%s: unknown $patch directive \"%s\" in a list element",
                        Directives.where(path), directive);
            }
        }
        if (replace) {
            List<JsonNode> replacement = new ArrayList<>();
            for (JsonNode element : plain) {
                replacement.add(Directives.withoutDirectives(element, rule.type(), path));
            }
            return new Merged(replacement, survivors);
        }
        int deleted = server.size() - survivors.size();
        List<JsonNode> survivorOrder = List.copyOf(survivors);
        List<JsonNode> serverOrder = new ArrayList<>(survivors);
        List<JsonNode> merged = survivors;
        for (JsonNode element : plain) {
            JsonNode key = requireMergeKey(element, identity, path, "every element");
            String elementPath = path + "[" + rule.mergeKey() + "=" + key.asText() + "]";
            int at = identity.indexIn(merged, element);
            if (at >= 0 && merged.get(at).isObject()) {
                merged.set(at, StrategicMergePatch.mergeObject(
                        (ObjectNode) merged.get(at), (ObjectNode) element, rule.type(), elementPath));
            } else {
                JsonNode added = Directives.withoutDirectives(element, rule.type(), elementPath);
                merged.add(added);
                if (serverOrder.size() < survivorOrder.size() + deleted) {
                    serverOrder.add(added);
                }
            }
        }
        return new Merged(orderBy(merged, plain, survivorOrder, identity, path), serverOrder);
    }

    /**
     * Removes every value listed in {@code toDelete} from a list of primitives
     * ({@code $deleteFromPrimitiveList/<field>}).
     */
    static List<JsonNode> deleteValues(ArrayNode original, ArrayNode toDelete, String path) throws PatchException {
        List<JsonNode> values = elements(original);
        List<JsonNode> deletions = elements(toDelete);
        if (elementsAreObjects(values, deletions, path)) {
            throw PatchException.malformed("%s: $deleteFromPrimitiveList only applies to lists of primitives",
                    Directives.where(path));
        }
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode value : values) {
            if (Identity.VALUE.indexIn(deletions, value) < 0) {
                kept.add(value);
            }
        }
        return kept;
    }

    /**
     * Puts {@code elements} in order: those found in {@code wanted} in its order, the others in
     * {@code serverOrder}, interleaved as the class comment describes.
     */
    static List<JsonNode> orderBy(List<JsonNode> elements, List<JsonNode> wanted, List<JsonNode> serverOrder,
            Identity identity, String path) throws PatchException {
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode element : elements) {
            if (identity.mergeKey() != null && identity.of(element) == null) {
                throw PatchException.notApplicable("%s: element %s has no merge key \"%s\"",
                        Directives.where(path), element, identity.mergeKey());
            }
            (identity.indexIn(wanted, element) >= 0 ? fromPatch : serverOnly).add(element);
        }
        fromPatch.sort(Comparator.comparingInt(element -> identity.indexIn(wanted, element)));
        serverOnly.sort(Comparator.comparingInt(element -> positionIn(serverOrder, element, identity)));
        return interleave(serverOnly, fromPatch, serverOrder, identity);
    }

    /**
     * Walks both lists, taking the server element first only if both elements are known to the
     * server and the server element came first there.
     */
    private static List<JsonNode> interleave(List<JsonNode> serverOnly, List<JsonNode> fromPatch,
            List<JsonNode> serverOrder, Identity identity) {
        List<JsonNode> result = new ArrayList<>(serverOnly.size() + fromPatch.size());
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() || j < fromPatch.size()) {
            if (j >= fromPatch.size()) {
                result.add(serverOnly.get(i++));
            } else if (i >= serverOnly.size()) {
                result.add(fromPatch.get(j++));
            } else {
                int left = identity.indexIn(serverOrder, serverOnly.get(i));
                int right = identity.indexIn(serverOrder, fromPatch.get(j));
                result.add(left >= 0 && right >= 0 && left < right ? serverOnly.get(i++) : fromPatch.get(j++));
            }
        }
        return result;
    }

    private static int positionIn(List<JsonNode> order, JsonNode element, Identity identity) {
        int index = identity.indexIn(order, element);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static JsonNode requireMergeKey(JsonNode element, Identity identity, String path, String what)
            throws PatchException {
        JsonNode key = identity.of(element);
        if (key == null || key.isNull()) {
            throw PatchException.malformed("%s: %s must contain the merge key \"%s\", got %s",
                    Directives.where(path), what, identity.mergeKey(), element);
        }
        return key;
    }

    /**
     * Whether the elements of both lists are objects. Kubernetes requires every element of the two
     * lists to have the same JSON type, and has no merge for lists of lists.
     */
    private static boolean elementsAreObjects(List<JsonNode> a, List<JsonNode> b, String path) throws PatchException {
        String type = null;
        for (JsonNode element : concat(a, b)) {
            if (element.isArray()) {
                throw PatchException.notApplicable("%s: lists of lists are not supported", Directives.where(path));
            }
            String elementType = JsonValues.typeName(element);
            if (type != null && !type.equals(elementType)) {
                throw PatchException.notApplicable("%s: list elements are not all of one type (%s and %s)",
                        Directives.where(path), type, elementType);
            }
            type = elementType;
        }
        return "object".equals(type);
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
