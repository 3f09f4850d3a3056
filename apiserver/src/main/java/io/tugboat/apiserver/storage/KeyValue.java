package io.tugboat.apiserver.storage;

/**
 * One key as etcd stores it. {@code modRevision} is what Tugboat (like Kubernetes) hands out as the object's
 * {@code resourceVersion}: it changes on every write and orders all writes in the cluster.
 *
 * @param key            full etcd key, including the configured prefix
 * @param value          the stored bytes (JSON of the object)
 * @param createRevision revision of the write that created the key
 * @param modRevision    revision of the last write to the key
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
}
