package io.tugboat.controllermanager.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure half of ControllerRevision handling: building a revision for a template, hashing it, comparing two,
 * and choosing which old ones to prune (Kubernetes' {@code history.NewControllerRevision},
 * {@code HashControllerRevision}, {@code EqualRevision} and the controllers' {@code cleanupHistory}).
 *
 * <p>The hash is FNV-1a 32 of the revision data's JSON (plus {@code collisionCount} as 8 little-endian bytes
 * when set), written with the same vowel-free alphabet as the Deployment's {@code pod-template-hash}. It names the
 * revision ({@code <set>-<hash>}) and labels the pods stamped from it.
 */
public final class ControllerHistory {
    /** The label on revisions and pods holding the revision hash (Kubernetes' {@code ControllerRevisionHashLabelKey}). */
    public static final String HASH_LABEL = "controller-revision-hash";
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private ControllerHistory() {
    }

    /**
     * The revision data for {@code template}: a strategic merge patch that replaces the set's template with it
     * (Kubernetes' {@code getPatch} of the DaemonSet and StatefulSet controllers).
     */
    public static JsonNode patchFor(PodTemplateSpec template) {
        ObjectNode data = Codec.json().createObjectNode();
        ObjectNode templateNode = (ObjectNode) pruned(Codec.toTree(template));
        templateNode.put("$patch", "replace");
        data.putObject("spec").set("template", templateNode);
        return data;
    }

    /** The template a revision records, or {@code null} if its data holds none. */
    public static PodTemplateSpec templateOf(ControllerRevision revision) {
        JsonNode template = revision.data() == null ? null : revision.data().path("spec").path("template");
        if (template == null || !template.isObject()) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) template).deepCopy();
        copy.remove("$patch");
        try {
            return Codec.fromTree(copy, PodTemplateSpec.class).value();
        } catch (DecodeException e) {
            return null;
        }
    }

    /** The hash of {@code data} with {@code collisionCount} ({@code null}: none yet). */
    public static String hash(JsonNode data, Integer collisionCount) {
        int hash = 0x811c9dc5;
        hash = fnv1a(hash, Codec.toJsonString(pruned(data)).getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            byte[] count = new byte[8];
            for (int i = 0; i < 4; i++) {
                count[i] = (byte) (collisionCount >>> (8 * i));
            }
            hash = fnv1a(hash, count);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : Integer.toUnsignedString(hash).getBytes(StandardCharsets.UTF_8)) {
            out.append(ALPHANUMS.charAt((b & 0xff) % ALPHANUMS.length()));
        }
        return out.toString();
    }

    /**
     * A new (not yet created) revision of {@code parent} recording {@code data}: named {@code <parent>-<hash>},
     * labelled with the template's labels and the hash, controlled by {@code ref}.
     */
    public static ControllerRevision newRevision(KubernetesObject parent, OwnerReference ref,
                                                 Map<String, String> templateLabels, JsonNode data, long revision,
                                                 Integer collisionCount) {
        String hash = hash(data, collisionCount);
        Map<String, String> labels = templateLabels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(templateLabels);
        labels.put(HASH_LABEL, hash);
        ObjectMeta meta = new ObjectMeta(parent.metadata().name() + "-" + hash, null, parent.metadata().namespace(),
                null, null, null, null, null, null, null, labels, null, List.of(ref), null);
        return ControllerRevision.of(meta, data, revision);
    }

    /** The hash a revision carries in its label (set by {@link #newRevision}). */
    public static String hashOf(ControllerRevision revision) {
        Map<String, String> labels = revision.metadata().labels();
        return labels == null ? null : labels.get(HASH_LABEL);
    }

    /**
     * Whether two revisions record the same template: same hash label and same data, where an absent field equals
     * an empty one (Kubernetes' {@code EqualRevision} compares the raw bytes; the API server may normalize ours).
     */
    public static boolean equal(ControllerRevision a, ControllerRevision b) {
        if (a == null || b == null) {
            return a == b;
        }
        // As text: a number read back from JSON is an IntNode where ours was a LongNode, and those are not equal.
        return Codec.toJsonString(pruned(a.data())).equals(Codec.toJsonString(pruned(b.data())));
    }

    /** The revisions among {@code revisions} equal to {@code candidate}, oldest first. */
    public static List<ControllerRevision> findEqual(List<ControllerRevision> revisions, ControllerRevision candidate) {
        return sortedByRevision(revisions).stream().filter(r -> equal(r, candidate)).toList();
    }

    /** The highest revision number in use, 0 for none. */
    public static long maxRevision(List<ControllerRevision> revisions) {
        return revisions.stream().mapToLong(r -> r.revision() == null ? 0 : r.revision()).max().orElse(0);
    }

    /** Oldest first; ties by name, so the order is stable. */
    public static List<ControllerRevision> sortedByRevision(List<ControllerRevision> revisions) {
        List<ControllerRevision> out = new ArrayList<>(revisions);
        out.sort(Comparator.comparingLong((ControllerRevision r) -> r.revision() == null ? 0 : r.revision())
                .thenComparing(r -> r.metadata().name()));
        return out;
    }

    /**
     * The revisions to delete so that at most {@code limit} old ones remain: the oldest first, never one whose
     * hash a live pod still carries nor one named in {@code keep} (the current and update revisions).
     */
    public static List<ControllerRevision> toPrune(List<ControllerRevision> revisions, Set<String> liveHashes,
                                                   Set<String> keep, int limit) {
        List<ControllerRevision> candidates = sortedByRevision(revisions).stream()
                .filter(r -> !keep.contains(r.metadata().name()) && !liveHashes.contains(hashOf(r)))
                .toList();
        int excess = candidates.size() - Math.max(0, limit);
        return excess <= 0 ? List.of() : candidates.subList(0, excess);
    }

    private static int fnv1a(int hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }

    /** {@code node} without nulls, empty objects and empty lists, at any depth. */
    static JsonNode pruned(JsonNode node) {
        if (node == null) {
            return Codec.json().nullNode();
        }
        if (node.isObject()) {
            ObjectNode out = Codec.json().createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null); // a canonical order, so the hash does not depend on who wrote the JSON
            for (String name : names) {
                JsonNode value = pruned(node.get(name));
                if (!value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                    out.set(name, value);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Codec.json().createArrayNode();
            node.forEach(element -> out.add(pruned(element)));
            return out;
        }
        return node;
    }
}
