package io.tugboat.kubectl.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.apiserver.rest.patch.PatchSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three-way strategic merge patch of {@code kubectl apply}, computed on the client as kubectl's
 * {@code strategicpatch.CreateThreeWayMergePatch} does it, from
 * <ul>
 *   <li><b>original</b>: what was applied last time (the {@code last-applied-configuration} annotation),</li>
 *   <li><b>modified</b>: what is being applied now (with its new annotation),</li>
 *   <li><b>current</b>: the live object (with server defaults, status, and other writers' changes).</li>
 * </ul>
 * The patch is the union of two diffs:
 * <pre>
 *   deletions = diff(original → modified), deletions only    fields the user removed from the file: null
 *   delta     = diff(current  → modified), no deletions      fields the file sets that the live object lacks
 * </pre>
 * so that fields nobody applied (defaults, status, a label another tool added) survive. Lists tagged
 * {@code patchStrategy:"merge"} are diffed element by element on their merge key (containers by
 * {@code name}): a removed element becomes {@code {"name":"x","$patch":"delete"}}, a changed one carries only its
 * changed fields, and {@code $setElementOrder/<list>} keeps the file's order. Removed values of primitive merge
 * lists go in {@code $deleteFromPrimitiveList/<list>}; objects tagged {@code retainKeys} get {@code $retainKeys}.
 * The schema is the one the API server applies patches with ({@link PatchSchema}), so both sides agree.
 *
 * <p>Worked example (containers merge by name):
 * <pre>
 *   original {"spec":{"replicas":2,"containers":[{"name":"a","image":"x:1"},{"name":"b","image":"y"}]}}
 *   modified {"spec":{"containers":[{"name":"a","image":"x:2"}]}}
 *   current  {"spec":{"replicas":5,"containers":[{"name":"a","image":"x:1","imagePullPolicy":"IfNotPresent"},{"name":"b",...}]}}
 *   patch    {"spec":{"replicas":null,
 *                     "containers":[{"name":"b","$patch":"delete"},{"name":"a","image":"x:2"}],
 *                     "$setElementOrder/containers":[{"name":"a"}]}}
 * </pre>
 */
public final class ThreeWayPatch {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private enum Mode { DELETIONS, ADDITIONS_AND_CHANGES }

    private ThreeWayPatch() {
    }

    /**
     * The patch that takes {@code current} to {@code modified} without touching fields that neither
     * {@code original} nor {@code modified} mention; empty when there is nothing to do.
     *
     * @param original the last applied configuration, or {@code null} when there is none
     */
    public static ObjectNode create(JsonNode original, JsonNode modified, JsonNode current, PatchSchema schema) {
        ObjectNode delta = diff(current, modified, schema, Mode.ADDITIONS_AND_CHANGES);
        if (original == null || !original.isObject()) {
            return delta;
        }
        ObjectNode deletions = diff(original, modified, schema, Mode.DELETIONS);
        return merge(deletions, delta, schema);
    }

    private static ObjectNode diff(JsonNode from, JsonNode to, PatchSchema schema, Mode mode) {
        ObjectNode patch = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = to.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String key = entry.getKey();
            JsonNode toValue = entry.getValue();
            JsonNode fromValue = from.get(key);
            PatchSchema.Field field = schema.field(key);
            if (fromValue == null) {
                if (mode == Mode.ADDITIONS_AND_CHANGES) {
                    patch.set(key, toValue);
                }
            } else if (fromValue.equals(toValue)) {
                continue;
            } else if (toValue.isObject() && fromValue.isObject() && field.strategy() != PatchSchema.Strategy.REPLACE) {
                ObjectNode sub = diff(fromValue, toValue, field.type(), mode);
                if (!sub.isEmpty()) {
                    if (mode == Mode.ADDITIONS_AND_CHANGES && field.retainKeys()) {
                        sub.set("$retainKeys", keys(toValue));
                    }
                    patch.set(key, sub);
                }
            } else if (toValue.isArray() && fromValue.isArray() && field.strategy() == PatchSchema.Strategy.MERGE) {
                if (field.mergeKey() == null) {
                    diffPrimitiveList(key, fromValue, toValue, mode, patch);
                } else {
                    diffMergeList(key, fromValue, toValue, field, mode, patch);
                }
            } else if (mode == Mode.ADDITIONS_AND_CHANGES) {
                patch.set(key, toValue);
            }
        }
        if (mode == Mode.DELETIONS) {
            from.fieldNames().forEachRemaining(key -> {
                if (!to.has(key)) {
                    patch.putNull(key);
                }
            });
        }
        return patch;
    }

    private static void diffMergeList(String key, JsonNode from, JsonNode to, PatchSchema.Field field, Mode mode,
                                      ObjectNode patch) {
        String mergeKey = field.mergeKey();
        Map<JsonNode, JsonNode> fromByKey = new LinkedHashMap<>();
        for (JsonNode element : from) {
            if (!element.isObject() || !element.has(mergeKey)) {
                replaceWhole(key, to, mode, patch);
                return;
            }
            fromByKey.put(element.get(mergeKey), element);
        }
        List<JsonNode> toKeys = new ArrayList<>();
        ArrayNode items = NODES.arrayNode();
        for (JsonNode element : to) {
            if (!element.isObject() || !element.has(mergeKey)) {
                replaceWhole(key, to, mode, patch);
                return;
            }
            JsonNode id = element.get(mergeKey);
            toKeys.add(id);
            JsonNode before = fromByKey.get(id);
            if (before == null) {
                if (mode == Mode.ADDITIONS_AND_CHANGES) {
                    items.add(element);
                }
            } else if (!before.equals(element)) {
                ObjectNode sub = diff(before, element, field.type(), mode);
                if (!sub.isEmpty()) {
                    ObjectNode item = NODES.objectNode();
                    item.set(mergeKey, id);
                    item.setAll(sub);
                    if (mode == Mode.ADDITIONS_AND_CHANGES && field.retainKeys()) {
                        item.set("$retainKeys", keys(element));
                    }
                    items.add(item);
                }
            }
        }
        if (mode == Mode.DELETIONS) {
            fromByKey.forEach((id, element) -> {
                if (!toKeys.contains(id)) {
                    ObjectNode delete = NODES.objectNode();
                    delete.set(mergeKey, id);
                    delete.put("$patch", "delete");
                    items.add(delete);
                }
            });
        }
        if (!items.isEmpty()) {
            patch.set(key, items);
            if (mode == Mode.ADDITIONS_AND_CHANGES) {
                ArrayNode order = patch.putArray("$setElementOrder/" + key);
                toKeys.forEach(id -> order.addObject().set(mergeKey, id));
            }
        }
    }

    private static void replaceWhole(String key, JsonNode to, Mode mode, ObjectNode patch) {
        if (mode == Mode.ADDITIONS_AND_CHANGES) {
            patch.set(key, to);
        }
    }

    private static void diffPrimitiveList(String key, JsonNode from, JsonNode to, Mode mode, ObjectNode patch) {
        ArrayNode changed = NODES.arrayNode();
        if (mode == Mode.ADDITIONS_AND_CHANGES) {
            to.forEach(v -> {
                if (!contains(from, v)) {
                    changed.add(v);
                }
            });
            if (!changed.isEmpty()) {
                patch.set(key, changed);
                patch.set("$setElementOrder/" + key, to);
            }
        } else {
            from.forEach(v -> {
                if (!contains(to, v)) {
                    changed.add(v);
                }
            });
            if (!changed.isEmpty()) {
                patch.set("$deleteFromPrimitiveList/" + key, changed);
            }
        }
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode keys(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!name.startsWith("$")) {
                names.add(name);
            }
        });
        Collections.sort(names);
        ArrayNode keys = NODES.arrayNode();
        names.forEach(keys::add);
        return keys;
    }

    /**
     * Deep union of the deletions and the delta: objects merged, list patches concatenated, except that two
     * entries for the same element of a merge list (a field deleted and another changed) become one.
     */
    private static ObjectNode merge(ObjectNode deletions, ObjectNode delta, PatchSchema schema) {
        ObjectNode merged = deletions.deepCopy();
        delta.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode existing = merged.get(key);
            JsonNode value = entry.getValue();
            PatchSchema.Field field = schema.field(key);
            if (existing != null && existing.isObject() && value.isObject()) {
                merged.set(key, merge((ObjectNode) existing, (ObjectNode) value, field.type()));
            } else if (existing != null && existing.isArray() && value.isArray() && !key.startsWith("$")) {
                ArrayNode both = ((ArrayNode) existing).deepCopy();
                for (JsonNode item : value) {
                    JsonNode same = field.mergeKey() == null ? null : findByKey(both, field.mergeKey(), item.get(field.mergeKey()));
                    if (same instanceof ObjectNode target && item.isObject()) {
                        target.setAll(merge(target, (ObjectNode) item, field.type()));
                    } else {
                        both.add(item);
                    }
                }
                merged.set(key, both);
            } else {
                merged.set(key, value);
            }
        });
        return merged;
    }

    private static JsonNode findByKey(ArrayNode items, String mergeKey, JsonNode id) {
        if (id == null) {
            return null;
        }
        for (JsonNode item : items) {
            if (id.equals(item.get(mergeKey)) && !item.has("$patch")) {
                return item;
            }
        }
        return null;
    }
}
