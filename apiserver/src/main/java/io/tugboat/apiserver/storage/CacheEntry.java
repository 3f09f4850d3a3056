package io.tugboat.apiserver.storage;

import io.tugboat.api.meta.KubernetesObject;
import java.util.function.Function;

/**
 * One object in the watch cache, kept as the bytes etcd sent and decoded the first time someone needs it.
 * Most changes are never looked at (no watch selects them, no list asks for them before the next change), so
 * decoding lazily keeps the cost of a write low; once decoded, the object is kept.
 */
final class CacheEntry {
    private final KeyValue kv;
    private final Function<KeyValue, KubernetesObject> decoder;
    private volatile KubernetesObject object;

    CacheEntry(KeyValue kv, Function<KeyValue, KubernetesObject> decoder) {
        this.kv = kv;
        this.decoder = decoder;
    }

    /** The same stored bytes, seen at another revision (a deletion: the last state, at the delete revision). */
    CacheEntry atRevision(long revision) {
        return new CacheEntry(new KeyValue(kv.key(), kv.value(), kv.createRevision(), revision), decoder);
    }

    String key() {
        return kv.key();
    }

    KeyValue kv() {
        return kv;
    }

    long revision() {
        return kv.modRevision();
    }

    /** The decoded object; throws if the stored bytes cannot be decoded. */
    KubernetesObject object() {
        KubernetesObject result = object;
        if (result == null) {
            result = decoder.apply(kv);
            object = result;
        }
        return result;
    }
}
