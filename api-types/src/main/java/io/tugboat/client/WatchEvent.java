package io.tugboat.client;

import io.tugboat.api.meta.Status;

/**
 * One event of a watch.
 *
 * @param type   what happened
 * @param object the object after the change (for DELETED its last state; for BOOKMARK only its resourceVersion);
 *               {@code null} for ERROR
 * @param status for ERROR, the Status the server sent (410 Expired means: relist)
 */
public record WatchEvent<T>(Type type, T object, Status status) {
    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }
}
