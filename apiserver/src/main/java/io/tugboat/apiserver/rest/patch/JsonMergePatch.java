package io.tugboat.apiserver.rest.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7386), the {@code application/merge-patch+json} body of a {@code PATCH}
 * request and what {@code kubectl scale} and {@code kubectl patch --type=merge} send.
 *
 * <p>The patch looks like the document it changes. Objects are merged member by member, a member
 * set to {@code null} is removed, and anything else — strings, numbers, and notably whole lists —
 * replaces what was there:
 * <pre>
 * target: {"spec": {"replicas": 1, "paused": true, "ports": [80, 443]}}
 * patch:  {"spec": {"replicas": 3, "paused": null, "ports": [8080]}}
 * result: {"spec": {"replicas": 3, "ports": [8080]}}
 * </pre>
 * That last line is why Kubernetes invented strategic merge patch: with a merge patch there is no
 * way to add one container to a list of containers (see {@link StrategicMergePatch}).
 *
 * <p>Applying a merge patch cannot fail; whether the result is a valid object is for the caller to
 * decide (a patch that is itself not an object replaces the whole document, per the RFC).
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /**
     * Applies {@code patch} to {@code target} as RFC 7386 section 2 describes.
     *
     * @param target the document to patch, may be {@code null}; not modified
     * @param patch  the merge patch; not modified
     * @return a new document
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? null : patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                result.remove(name);
            } else {
                result.set(name, apply(result.get(name), value));
            }
        }
        return result;
    }
}
