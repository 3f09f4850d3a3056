package io.tugboat.client.informer;

/**
 * The handle {@link SharedInformer#addEventHandler} returns for one handler.
 */
public interface HandlerRegistration {

    /**
     * Whether this handler has caught up with the informer's first full state: the informer has synced and
     * the handler has <em>processed</em> every add of that state (the first list, or for a handler added
     * later, the snapshot it was given). {@link SharedInformer#hasSynced()} only says the cache is full; this
     * says the handler has seen it too. Mirrors client-go's {@code ResourceEventHandlerRegistration.HasSynced}.
     */
    boolean hasSynced();

    /**
     * Stops delivering to this handler and ends its thread; notifications still queued for it are dropped.
     * Idempotent. A handler may remove itself from inside a notification.
     */
    void remove();
}
