package io.tugboat.apiserver.storage;

import io.tugboat.api.meta.KubernetesObject;

/**
 * A change as the watch cache keeps it: decoded objects, their etcd key and the revision of the change.
 *
 * @param type     ADDED, MODIFIED or DELETED
 * @param key      the etcd key
 * @param object   the object after the change; for DELETED the last state, with resourceVersion = delete revision
 * @param previous the object before the change ({@code null} for ADDED)
 * @param revision the etcd revision of the change
 */
public record CacheEvent(Type type, String key, KubernetesObject object, KubernetesObject previous, long revision) {
    public enum Type { ADDED, MODIFIED, DELETED }
}
