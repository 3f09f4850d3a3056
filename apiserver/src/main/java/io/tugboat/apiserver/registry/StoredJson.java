package io.tugboat.apiserver.registry;

import io.tugboat.api.Codec;
import io.tugboat.api.meta.KubernetesObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One JSON encoding of an object about to be written, giving both the bytes etcd stores (no
 * {@code resourceVersion}: etcd's revision is the source of truth) and, once the write has returned its
 * revision, the response body (the same bytes with {@code "resourceVersion":"N"}) — byte for byte what
 * encoding the object twice would give, for the price of one encoding.
 *
 * <p>How: the object is encoded once with a placeholder resourceVersion. Fields come out in record order,
 * so the placeholder field is the first {@code "resourceVersion":...} after the top-level
 * {@code "metadata":{} (apiVersion and kind, which come before metadata, are fixed names; name, namespace
 * and uid, which come before resourceVersion inside it, are strings whose quotes JSON escapes, so no user
 * value can look like the field there). Removing the field gives the stored bytes; replacing the placeholder
 * with the revision gives the response. When the placeholder is not where expected (a type with another
 * field order), both are encoded in full instead.
 */
final class StoredJson {
    /** A resourceVersion no write ever has: etcd revisions are decimal numbers. */
    private static final String PLACEHOLDER = "\u0000rv\u0000";
    /** The placeholder field as the shared mapper writes it (it decides how the NULs are escaped). */
    private static final byte[] FIELD = placeholderField();
    private static final byte[] FIELD_NAME = "\"resourceVersion\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] METADATA = "\"metadata\":{".getBytes(StandardCharsets.UTF_8);

    private final KubernetesObject object;
    private final byte[] template;
    private final int at;
    private final byte[] stored;

    private StoredJson(KubernetesObject object, byte[] template, int at, byte[] stored) {
        this.object = object;
        this.template = template;
        this.at = at;
        this.stored = stored;
    }

    private static byte[] placeholderField() {
        byte[] json = Codec.toJson(Map.of("resourceVersion", PLACEHOLDER));
        return Arrays.copyOfRange(json, 1, json.length - 1);
    }

    /** Encodes {@code object} (whatever resourceVersion it carries is replaced). */
    static StoredJson of(KubernetesObject object) {
        byte[] template = Codec.toJson(object.withMetadata(object.metadata().withResourceVersion(PLACEHOLDER)));
        int metadata = indexOf(template, METADATA, 0);
        int at = metadata < 0 ? -1 : indexOf(template, FIELD, metadata + METADATA.length);
        if (at < 0) {
            return new StoredJson(object, null, -1, Codec.toJson(object.withMetadata(object.metadata().withResourceVersion(null))));
        }
        int from = at;
        int to = at + FIELD.length;
        if (template[from - 1] == ',') {
            from--; // "name":"x","resourceVersion":"…"  ->  "name":"x"
        } else if (template[to] == ',') {
            to++; // {"resourceVersion":"…","uid":"…"  ->  {"uid":"…"
        }
        byte[] stored = new byte[template.length - (to - from)];
        System.arraycopy(template, 0, stored, 0, from);
        System.arraycopy(template, to, stored, from, template.length - to);
        return new StoredJson(object, template, at, stored);
    }

    /** Whether the placeholder was found, so that the response needs no second encoding. */
    boolean encodedOnce() {
        return template != null;
    }

    /** What etcd stores: the object without resourceVersion. */
    byte[] stored() {
        return stored;
    }

    /** The object's JSON with {@code resourceVersion} set to {@code revision}. */
    byte[] withVersion(long revision) {
        if (template == null) {
            return Codec.toJson(object.withMetadata(object.metadata().withResourceVersion(Long.toString(revision))));
        }
        byte[] version = Long.toString(revision).getBytes(StandardCharsets.US_ASCII);
        int tail = at + FIELD.length;
        byte[] json = new byte[at + FIELD_NAME.length + version.length + 1 + template.length - tail];
        int i = 0;
        System.arraycopy(template, 0, json, i, at);
        i += at;
        System.arraycopy(FIELD_NAME, 0, json, i, FIELD_NAME.length);
        i += FIELD_NAME.length;
        System.arraycopy(version, 0, json, i, version.length);
        i += version.length;
        json[i++] = '"';
        System.arraycopy(template, tail, json, i, template.length - tail);
        return json;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
