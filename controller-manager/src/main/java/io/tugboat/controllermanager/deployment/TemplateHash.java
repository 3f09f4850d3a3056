package io.tugboat.controllermanager.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code pod-template-hash}: the name suffix of a Deployment's ReplicaSets and a label on them and their pods,
 * so that the ReplicaSets of two templates never select each other's pods.
 *
 * <p>Kubernetes hashes the Go-printed template ({@code %#v} through spew) with FNV-1a 32 and writes the number with
 * {@code rand.SafeEncodeString}. Tugboat cannot print Go structs, so it hashes the template's canonical JSON — the
 * codec's, with fields in declaration order and map keys sorted — with the same FNV-1a 32, appends
 * {@code status.collisionCount} the same way (8 bytes, little-endian), and encodes the same way:
 *
 * <pre>
 *   fnv32a(json(template) [+ collisionCount as 8 bytes LE])  = 2784531563
 *   SafeEncodeString("2784531563")                           = "6cd89759b7"   (each digit's byte % 27 ─▶ a letter
 *                                                                            of "bcdfghjklmnpqrstvwxz2456789")
 * </pre>
 *
 * The result is deterministic and stable across restarts but differs from the hash Kubernetes would compute for
 * the same template: a Deployment moved from Kubernetes gets new ReplicaSet names.
 */
public final class TemplateHash {
    /** The label (and ReplicaSet name suffix) holding the hash: Kubernetes' {@code DefaultDeploymentUniqueLabelKey}. */
    public static final String LABEL = "pod-template-hash";
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    /** The hash of {@code template} with {@code collisionCount} ({@code null}: none yet). */
    public static String compute(PodTemplateSpec template, Integer collisionCount) {
        int hash = 0x811c9dc5;
        hash = fnv1a(hash, Codec.toJson(template));
        if (collisionCount != null) {
            byte[] count = new byte[8];
            for (int i = 0; i < 4; i++) {
                count[i] = (byte) (collisionCount >>> (8 * i));
            }
            hash = fnv1a(hash, count);
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    private static int fnv1a(int hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }

    /** Kubernetes' {@code rand.SafeEncodeString}: no vowels (no words), no look-alike characters. */
    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(ALPHANUMS.charAt((b & 0xff) % ALPHANUMS.length()));
        }
        return out.toString();
    }

    /**
     * Whether two templates are equal once the hash label is taken off both (Kubernetes' {@code EqualIgnoreHash}).
     * Like Kubernetes' semantic equality, an empty object or list equals an absent one: a template that went
     * through a client which writes {@code resources: {}} (kubectl does, in {@code rollout undo}) is still the same
     * template.
     */
    public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return pruned(Codec.toTree(withoutLabel(a))).equals(pruned(Codec.toTree(withoutLabel(b))));
    }

    /** {@code node} without nulls, empty objects and empty lists, at any depth. */
    private static JsonNode pruned(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Codec.json().createObjectNode();
            node.fields().forEachRemaining(field -> {
                JsonNode value = pruned(field.getValue());
                if (!value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                    out.set(field.getKey(), value);
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Codec.json().createArrayNode();
            node.forEach(element -> out.add(pruned(element)));
            return out;
        }
        return node;
    }

    /** {@code template} with the hash label set to {@code hash}. */
    public static PodTemplateSpec withLabel(PodTemplateSpec template, String hash) {
        ObjectMeta meta = template.metadata() == null ? emptyMeta() : template.metadata();
        return new PodTemplateSpec(meta.withLabels(withEntry(meta.labels(), hash)), template.spec());
    }

    /** {@code selector} also requiring the hash label. */
    public static LabelSelector withLabel(LabelSelector selector, String hash) {
        return new LabelSelector(withEntry(selector.matchLabels(), hash), selector.matchExpressions());
    }

    /** {@code template} without the hash label. */
    public static PodTemplateSpec withoutLabel(PodTemplateSpec template) {
        if (template == null || template.metadata() == null || template.metadata().labels() == null
                || !template.metadata().labels().containsKey(LABEL)) {
            return template;
        }
        Map<String, String> labels = new LinkedHashMap<>(template.metadata().labels());
        labels.remove(LABEL);
        return new PodTemplateSpec(template.metadata().withLabels(labels), template.spec());
    }

    /** {@code labels} plus the hash label. */
    static Map<String, String> withEntry(Map<String, String> labels, String hash) {
        Map<String, String> out = labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
        out.put(LABEL, hash);
        return out;
    }

    private static ObjectMeta emptyMeta() {
        return new ObjectMeta(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
