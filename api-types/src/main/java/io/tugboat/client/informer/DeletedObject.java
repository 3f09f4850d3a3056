package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import java.util.Objects;

/**
 * A deletion the informer saw happen: the watch delivered a {@code DELETED} event. {@code lastKnown} is the
 * object as the server sent it in that event — its final state, with the resourceVersion of the deletion.
 *
 * @param lastKnown the deleted object's final state
 * @param <T> the kind of object deleted
 */
public record DeletedObject<T extends KubernetesObject>(T lastKnown) implements Deleted<T> {
    public DeletedObject {
        Objects.requireNonNull(lastKnown, "lastKnown");
    }

    @Override
    public String key() {
        return Keys.keyOf(lastKnown);
    }
}
