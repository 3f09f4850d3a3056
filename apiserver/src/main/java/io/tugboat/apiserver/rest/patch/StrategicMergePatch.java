package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch, the {@code application/strategic-merge-patch+json} body that
 * {@code kubectl apply}, {@code kubectl edit} and {@code kubectl patch} send for built-in kinds.
 *
 * <p>It is a JSON merge patch ({@link JsonMergePatch}) that knows the object's type: a
 * {@link PatchSchema} says which lists are merged element by element instead of being replaced.
 * With the Deployment schema, this patch adds a sidecar and changes one env var of {@code web}
 * without repeating anything else:
 * <pre>
 * {"spec": {"template": {"spec": {
 *    "$setElementOrder/containers": [{"name": "web"}, {"name": "log"}],
 *    "containers": [
 *      {"name": "web", "env": [{"name": "LEVEL", "value": "debug"}]},
 *      {"name": "log", "image": "busybox"} ]}}}}
 * </pre>
 *
 * <p>The rules, object by object (Kubernetes {@code mergeMap} in
 * {@code k8s.io/apimachinery/pkg/util/strategicpatch}):
 * <ol>
 *   <li>{@code $patch: replace} makes the object exactly the rest of the patch object;
 *       {@code $patch: delete} makes it empty ({@code {}}).</li>
 *   <li>{@code $retainKeys: [a, b]} removes every key but {@code a} and {@code b} from the object
 *       (used for unions such as a Deployment's {@code strategy} or a volume's source). A patch
 *       setting a key it does not retain is refused.</li>
 *   <li>{@code $setElementOrder/<list>} merges {@code <list>} and puts the result in the given order,
 *       keeping elements only the server has near their old neighbours.</li>
 *   <li>Every other key: {@code null} deletes it; a value where the object has none (or one of
 *       another JSON type) is stored, minus nulls and directives; two objects are merged
 *       recursively; two lists are merged by {@link MergeLists} if the schema says
 *       {@link PatchSchema.Strategy#MERGE}, otherwise the patch list replaces the old one.</li>
 *   <li>Last, {@code $deleteFromPrimitiveList/<list>: [v, ...]} removes values from a list.</li>
 * </ol>
 * Fields the schema does not know are patched as plain JSON: objects merged, lists replaced.
 *
 * <p>Differences from Kubernetes are on the error path and in cleaning: {@code $patch: merge} and
 * unknown {@code $}-keys are refused with 400 where Kubernetes answers 500 or stores them, and
 * nulls and directive keys in content that is inserted whole (a new field, a new list element, the
 * content of {@code $patch: replace}) are always dropped, where Kubernetes drops only some of them
 * and leaves the rest for decoding to discard.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {
    }

    /**
     * Applies a strategic merge patch.
     *
     * @param original the object to patch, {@code null} for none; not modified
     * @param patch    the patch, a JSON object; not modified
     * @param schema   the schema of the object's kind, see {@link PatchSchemas#forKind}
     * @return the patched object, a new tree
     * @throws PatchException when the patch is malformed (400) or does not fit the object (422)
     */
    public static JsonNode apply(JsonNode original, JsonNode patch, PatchSchema schema) throws PatchException {
        if (schema == null) {
            throw new IllegalArgumentException("schema is required; use PatchSchema.unstructured() for unknown kinds");
        }
        if (patch == null || !patch.isObject()) {
            throw PatchException.malformed("a strategic merge patch must be a JSON object, not a %s",
                    JsonValues.typeName(patch));
        }
        ObjectNode target;
        if (original == null || original.isNull() || original.isMissingNode()) {
            target = JsonNodeFactory.instance.objectNode();
        } else if (original.isObject()) {
            target = ((ObjectNode) original).deepCopy();
        } else {
            throw PatchException.notApplicable("a strategic merge patch applies to an object, not a %s",
                    JsonValues.typeName(original));
        }
        return mergeObject(target, (ObjectNode) patch, schema, "");
    }

    /**
     * Merges {@code patch} into {@code original}, which this method owns and modifies.
     *
     * @return the merged object: {@code original} itself, or a new object for {@code $patch}
     */
    static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, PatchSchema type, String path)
            throws PatchException {
        String directive = Directives.patchDirective(patch, path);
        if (directive != null) {
            return applyObjectDirective(patch, directive, type, path);
        }
        retainKeys(original, patch, path);
        Set<String> ordered = applyElementOrders(original, patch, type, path);
        List<Map.Entry<String, JsonNode>> deletions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String key = member.getKey();
            if (key.startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST)) {
                deletions.add(member);
            } else if (!key.equals(Directives.RETAIN_KEYS) && !key.startsWith(Directives.SET_ELEMENT_ORDER)
                    && !ordered.contains(key)) {
                Directives.requireNoUnknownDirective(key, path);
                mergeField(original, key, member.getValue(), type.field(key), path + "." + key);
            }
        }
        for (Map.Entry<String, JsonNode> deletion : deletions) {
            deleteFromPrimitiveList(original, deletion.getKey(), deletion.getValue(), path);
        }
        return original;
    }

    private static ObjectNode applyObjectDirective(ObjectNode patch, String directive, PatchSchema type, String path)
            throws PatchException {
        switch (directive) {
            case "replace" -> {
                ObjectNode content = patch.deepCopy();
                content.remove(Directives.PATCH);
                return (ObjectNode) Directives.withoutDirectives(content, type, path);
            }
            case "delete" -> {
                return JsonNodeFactory.instance.objectNode();
            }
            case "merge" -> throw PatchException.malformed(
                    "%s: $patch: merge is not accepted (Kubernetes refuses it too); objects are merged by default",
                    Directives.where(path));
            default -> throw PatchException.malformed("%s: unknown $patch directive \"%s\"",
                    Directives.where(path), directive);
        }
    }

    private static void mergeField(ObjectNode original, String key, JsonNode patchValue, PatchSchema.Field rule,
            String path) throws PatchException {
        if (patchValue.isNull()) {
            original.remove(key);
            return;
        }
        if (rule.strategy() == PatchSchema.Strategy.REPLACE) {
            original.set(key, patchValue.deepCopy());
            return;
        }
        JsonNode current = original.get(key);
        if (current == null || current.isNull() || current.isObject() != patchValue.isObject()
                || current.isArray() != patchValue.isArray()) {
            JsonNode inserted = Directives.withoutDirectives(patchValue, rule.type(), path);
            if (inserted == null) {
                original.remove(key);
            } else {
                original.set(key, inserted);
            }
        } else if (current.isObject()) {
            original.set(key, mergeObject((ObjectNode) current, (ObjectNode) patchValue, rule.type(), path));
        } else if (current.isArray() && rule.strategy() == PatchSchema.Strategy.MERGE) {
            original.set(key, array(MergeLists.merge((ArrayNode) current, (ArrayNode) patchValue, rule, path).elements()));
        } else {
            original.set(key, Directives.withoutDirectives(patchValue, rule.type(), path));
        }
    }

    /** {@code $retainKeys}: clear the keys not listed; refuse a patch that sets one of them. */
    private static void retainKeys(ObjectNode original, ObjectNode patch, String path) throws PatchException {
        JsonNode retain = patch.get(Directives.RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchException.malformed("%s: $retainKeys must be a list of field names", Directives.where(path));
        }
        Set<String> kept = new HashSet<>();
        for (JsonNode name : retain) {
            if (!name.isTextual()) {
                throw PatchException.malformed("%s: $retainKeys must be a list of field names, got %s",
                        Directives.where(path), name);
            }
            kept.add(name.asText());
        }
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String key = member.getKey();
            if (!member.getValue().isNull() && !key.equals(Directives.RETAIN_KEYS)
                    && !Directives.isListDirective(key) && !kept.contains(key)) {
                throw PatchException.notApplicable("%s: the patch sets \"%s\", which its $retainKeys %s would clear",
                        Directives.where(path), key, retain);
            }
        }
        original.retain(kept);
    }

    /**
     * Processes every {@code $setElementOrder/<list>} of one object: merges the list (if the patch
     * has it) and orders the result.
     *
     * @return the names of the lists handled here, which the caller must not merge again
     */
    private static Set<String> applyElementOrders(ObjectNode original, ObjectNode patch, PatchSchema type, String path)
            throws PatchException {
        Set<String> handled = new HashSet<>();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (!member.getKey().startsWith(Directives.SET_ELEMENT_ORDER)) {
                continue;
            }
            String field = Directives.listField(member.getKey(), Directives.SET_ELEMENT_ORDER);
            String listPath = path + "." + field;
            PatchSchema.Field rule = type.field(field);
            MergeLists.Identity identity = new MergeLists.Identity(rule.mergeKey());
            List<JsonNode> order = orderList(member.getKey(), member.getValue(), identity, listPath);
            JsonNode patchList = patch.get(field);
            if (patchList != null && !patchList.isArray()) {
                throw PatchException.malformed("%s: %s is given, so %s must be a list, not a %s",
                        Directives.where(listPath), member.getKey(), field, JsonValues.typeName(patchList));
            }
            JsonNode serverList = original.get(field);
            if (serverList != null && serverList.isNull()) {
                serverList = null;
            }
            if (serverList != null && !serverList.isArray()) {
                throw PatchException.notApplicable("%s is a %s, so %s cannot order it",
                        Directives.where(listPath), JsonValues.typeName(serverList), member.getKey());
            }
            handled.add(field);
            if (patchList != null) {
                requireSameOrder(patchList, order, identity, listPath, member.getKey());
            }
            List<JsonNode> merged;
            List<JsonNode> serverOrder;
            if (serverList != null && patchList != null && rule.strategy() == PatchSchema.Strategy.MERGE) {
                MergeLists.Merged result = MergeLists.merge((ArrayNode) serverList, (ArrayNode) patchList, rule, listPath);
                merged = result.elements();
                serverOrder = result.serverOrder();
            } else if (patchList != null) {
                merged = MergeLists.elements(Directives.withoutDirectives(patchList, rule.type(), listPath));
                serverOrder = serverList == null ? List.of() : MergeLists.elements(serverList);
            } else if (serverList != null) {
                merged = MergeLists.elements(serverList);
                serverOrder = merged;
            } else {
                continue;
            }
            original.set(field, array(MergeLists.orderBy(merged, order, serverOrder, identity, listPath)));
        }
        return handled;
    }

    /** The {@code $setElementOrder} list: merge-key stubs for lists of objects, values for primitives. */
    private static List<JsonNode> orderList(String key, JsonNode value, MergeLists.Identity identity, String path)
            throws PatchException {
        if (!value.isArray()) {
            throw PatchException.malformed("%s: %s must be a list", Directives.where(path), key);
        }
        for (JsonNode entry : value) {
            boolean fits = identity.mergeKey() == null
                    ? !entry.isContainerNode()
                    : entry.isObject() && entry.hasNonNull(identity.mergeKey());
            if (!fits) {
                throw PatchException.malformed("%s: every entry of %s must be %s, got %s", Directives.where(path), key,
                        identity.mergeKey() == null ? "a primitive value" : "an object with \"" + identity.mergeKey() + "\"",
                        entry);
            }
        }
        return MergeLists.elements(value);
    }

    /** The elements the patch list sets must appear in {@code $setElementOrder} in the same order. */
    private static void requireSameOrder(JsonNode patchList, List<JsonNode> order, MergeLists.Identity identity,
            String path, String key) throws PatchException {
        int matched = 0;
        int next = 0;
        List<JsonNode> elements = new ArrayList<>();
        for (JsonNode element : patchList) {
            if (!element.has(Directives.PATCH)) {
                elements.add(element);
            }
        }
        while (matched < elements.size() && next < order.size()) {
            JsonNode id = identity.of(elements.get(matched));
            if (id == null) {
                throw PatchException.malformed("%s: element %s does not contain the merge key \"%s\"",
                        Directives.where(path), elements.get(matched), identity.mergeKey());
            }
            if (JsonValues.same(id, identity.of(order.get(next)))) {
                matched++;
            }
            next++;
        }
        if (matched < elements.size()) {
            throw PatchException.malformed("%s: the order of the patch list %s doesn't match %s %s",
                    Directives.where(path), patchList, key, order);
        }
    }

    private static void deleteFromPrimitiveList(ObjectNode original, String key, JsonNode values, String path)
            throws PatchException {
        String field = Directives.listField(key, Directives.DELETE_FROM_PRIMITIVE_LIST);
        if (!values.isArray()) {
            throw PatchException.malformed("%s: %s must be a list of values to delete", Directives.where(path), key);
        }
        JsonNode current = original.get(field);
        if (current != null && current.isArray()) {
            original.set(field, array(MergeLists.deleteValues((ArrayNode) current, (ArrayNode) values, path + "." + field)));
        }
    }

    private static ArrayNode array(List<JsonNode> elements) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(elements.size());
        elements.forEach(array::add);
        return array;
    }
}
