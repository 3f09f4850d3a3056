package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import java.util.function.Consumer;

/**
 * Receives the changes an informer sees: an object was added to its cache, updated, or deleted.
 *
 * <p>Contract, as a {@link SharedInformer} keeps it:
 * <ul>
 *   <li>Calls to one handler are sequential, on a thread of its own, in the order the cache changed. Two
 *       handlers are independent: a slow one delays only itself.</li>
 *   <li>A notification comes <em>after</em> the cache has changed, so the lister already shows the new state
 *       (or a newer one) when the handler runs.</li>
 *   <li>Handlers should return quickly; the intended body is "compute a key, add it to a work queue". Real
 *       work belongs in the controller's {@code reconcile}, which reads the lister rather than these
 *       arguments: by the time a worker gets to the key, the object may have changed again.</li>
 *   <li>Objects are shared with the cache and every other handler, and immutable (see {@link Indexer}).</li>
 *   <li>{@code onUpdate(old, new)} with {@code old == new} is a periodic resync, not a change. An update may
 *       also hide a delete-and-recreate under the same name that the informer did not see; compare
 *       {@code metadata().uid()} if that matters.</li>
 *   <li>A handler that throws is logged and skipped; it keeps receiving later notifications.</li>
 * </ul>
 * Every method has an empty default, so a handler implements only what it needs. Mirrors client-go's
 * {@code ResourceEventHandler} ({@code tools/cache/controller.go}).
 *
 * @param <T> the kind of object watched
 */
public interface ResourceEventHandler<T extends KubernetesObject> {

    /** The object appeared in the cache: created, seen in the first list, or replayed to a late handler. */
    default void onAdd(T object) {
    }

    /** The object changed from {@code oldObject} to {@code newObject}; the same instance on a resync. */
    default void onUpdate(T oldObject, T newObject) {
    }

    /** The object left the cache; see {@link Deleted} for the two ways the informer can learn that. */
    default void onDelete(Deleted<T> deleted) {
    }

    /**
     * The handler almost every controller wants: hand the {@link Keys key} of whatever changed to
     * {@code enqueue} — the new object's key on add and update, {@link Deleted#key()} on delete (which works
     * for tombstones too). Wire it to a work queue's {@code add}.
     */
    static <T extends KubernetesObject> ResourceEventHandler<T> forKeys(Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue.accept(Keys.keyOf(object));
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                enqueue.accept(Keys.keyOf(newObject));
            }

            @Override
            public void onDelete(Deleted<T> deleted) {
                enqueue.accept(deleted.key());
            }
        };
    }
}
