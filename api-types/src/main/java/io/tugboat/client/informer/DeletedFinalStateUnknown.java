package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import java.util.Objects;

/**
 * A tombstone: the informer relisted (after its watch fell too far behind or broke) and the key it had cached
 * was not in the new list. The object was deleted while nobody was watching, so its final state is unknown;
 * {@code lastKnown} is the version the cache held, which may be older than the one the server deleted.
 * Named after client-go's {@code DeletedFinalStateUnknown} ({@code tools/cache/delta_fifo.go}).
 *
 * @param key       the key the object was cached under
 * @param lastKnown the cached version, possibly stale
 * @param <T>       the kind of object deleted
 */
public record DeletedFinalStateUnknown<T extends KubernetesObject>(String key, T lastKnown) implements Deleted<T> {
    public DeletedFinalStateUnknown {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastKnown, "lastKnown");
    }
}
