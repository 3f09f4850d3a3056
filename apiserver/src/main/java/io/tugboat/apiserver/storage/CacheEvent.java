package io.tugboat.apiserver.storage;

import io.tugboat.api.meta.KubernetesObject;

/**
 * A change as the watch cache keeps it: the entry after the change (for DELETED, the last state at the delete
 * revision), the entry before it, and the revision of the change. Objects are decoded on first use.
 */
final class CacheEvent {
    enum Type { ADDED, MODIFIED, DELETED }

    private final Type type;
    private final CacheEntry current;
    private final CacheEntry previous;

    CacheEvent(Type type, CacheEntry current, CacheEntry previous) {
        this.type = type;
        this.current = current;
        this.previous = previous;
    }

    Type type() {
        return type;
    }

    long revision() {
        return current.revision();
    }

    KubernetesObject object() {
        return current.object();
    }

    /** The object before the change, or {@code null} for ADDED. */
    KubernetesObject previous() {
        return previous == null ? null : previous.object();
    }
}
