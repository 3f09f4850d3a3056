package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;

/**
 * What a handler's {@link ResourceEventHandler#onDelete onDelete} receives: the news that an object left the
 * cache, in one of two shapes, depending on how the informer found out.
 *
 * <pre>
 *   the watch delivered DELETED ───────────────▶ DeletedObject(lastKnown = the object as the server deleted it)
 *
 *   the watch was down (410, broken stream);
 *   the relist no longer contains the key ─────▶ DeletedFinalStateUnknown(key, lastKnown = our cached copy,
 *                                                                           possibly older than the final state)
 * </pre>
 *
 * <p>A level-triggered controller does not care which: it takes {@link #key()}, enqueues it, and its
 * {@code reconcile} finds the object gone from the lister. Code that needs the object itself — to find the
 * owner to requeue, say — uses {@link #lastKnown()}, and must remember that for a
 * {@link DeletedFinalStateUnknown} it may be stale (its labels or owner may have changed before the deletion
 * the informer never saw).
 *
 * <p>client-go hands handlers an {@code interface{}} that is either the object or a
 * {@code DeletedFinalStateUnknown} ({@code tools/cache/delta_fifo.go}), and every handler opens with a type
 * switch to tell them apart. Here the two cases are a sealed type, so the compiler knows both and
 * {@code lastKnown()} is always typed.
 *
 * @param <T> the kind of object deleted
 */
public sealed interface Deleted<T extends KubernetesObject> permits DeletedObject, DeletedFinalStateUnknown {

    /** The key the object was cached under. */
    String key();

    /** The last state of the object the informer knows; never {@code null}. */
    T lastKnown();
}
