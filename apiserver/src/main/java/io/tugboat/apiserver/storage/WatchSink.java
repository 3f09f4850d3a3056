package io.tugboat.apiserver.storage;

import io.tugboat.api.meta.KubernetesObject;

/**
 * Where the watch cache delivers one client's events. Implementations must never block: the cache calls them
 * on its single dispatch thread, so a slow client must buffer (boundedly) or give up, never stall the others.
 */
public interface WatchSink {

    /**
     * Queues one event ({@code ADDED}, {@code MODIFIED}, {@code DELETED} or {@code BOOKMARK}) for the client.
     * Returns {@code false} if the client cannot keep up; the cache then stops the watch and calls
     * {@link #terminate}.
     */
    boolean offer(String type, KubernetesObject object);

    /**
     * The watch is over: the client fell behind, the cache had to relist, or the server is stopping.
     * The client will re-watch from its last resourceVersion (and relist on 410).
     */
    void terminate(String reason);
}
