package io.tugboat.apiserver.storage;

/**
 * One change read from an etcd watch.
 *
 * @param type     PUT (created or modified) or DELETE
 * @param current  the key after the change; for DELETE its value is empty and modRevision is the delete revision
 * @param previous the key before the change when the watch asked etcd for it; {@link EtcdStorage} does not (the
 *                 watch cache keeps previous states itself), so it is {@code null}
 */
public record StorageEvent(Type type, KeyValue current, KeyValue previous) {
    public enum Type { PUT, DELETE }

    public long revision() {
        return current.modRevision();
    }
}
