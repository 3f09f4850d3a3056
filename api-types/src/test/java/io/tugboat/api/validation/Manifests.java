package io.tugboat.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.meta.KubernetesObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Test objects written the way users write them: YAML manifests, optionally changed by a JSON merge patch
 * (RFC 7386, what {@code kubectl patch --type merge} sends: objects merge, lists are replaced, {@code null}
 * removes a field). A table row can then say in one line what it breaks.
 */
final class Manifests {

    private Manifests() {
    }

    static KubernetesObject decode(String yaml) {
        try {
            return Codec.decodeObject(Codec.readTree(yaml.getBytes(StandardCharsets.UTF_8), true)).value();
        } catch (DecodeException e) {
            throw new IllegalArgumentException("bad test manifest: " + e.getMessage(), e);
        }
    }

    static KubernetesObject patched(String baseYaml, String mergePatchYaml) {
        try {
            JsonNode base = Codec.readTree(baseYaml.getBytes(StandardCharsets.UTF_8), true);
            // Jackson's own YAML parser keeps explicit nulls, which a merge patch needs to remove fields.
            JsonNode patch = Codec.yaml().readTree(mergePatchYaml);
            return Codec.decodeObject(mergePatch(base, patch)).value();
        } catch (DecodeException | JsonProcessingException e) {
            throw new IllegalArgumentException("bad test patch: " + e.getMessage(), e);
        }
    }

    /** Back from an object to YAML, as {@code kubectl get -o yaml} shows it, so it can be patched again. */
    static String yaml(KubernetesObject object) {
        return Codec.toYaml(object);
    }

    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Codec.json().createObjectNode();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}
