package io.tugboat.controllermanager.endpointslice;

import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.client.informer.Lister;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The slice writes a controller has made and its slice cache has not shown yet, per Service key: Kubernetes'
 * {@code EndpointSliceTracker}. Slices are named by the API server ({@code generateName}), so a plan made
 * before the cache shows a slice just created would create a second one; a controller asks
 * {@link #inFlight} first and waits (requeues) while its own writes are on their way.
 *
 * <p>Thread-safe. The informer's handler calls {@link #observed} after the cache is updated, under the same
 * lock that {@link #expect} checks the cache under, so an expectation is never left behind for an event that
 * was already delivered.
 */
final class SliceWrites {
    /** The "resourceVersion" of a deletion. */
    static final long DELETED = -1;

    private final Lister<EndpointSlice> slices;
    /** Service key → slice name → the resourceVersion written ({@link #DELETED} for a deletion). Guarded by itself. */
    private final Map<String, Map<String, Long>> pending = new HashMap<>();

    SliceWrites(Lister<EndpointSlice> slices) {
        this.slices = slices;
    }

    /** Remembers a write until the cache shows it (at once if it already does). */
    void expect(String serviceKey, String namespace, String slice, long resourceVersion) {
        synchronized (pending) {
            Optional<EndpointSlice> cached = slices.get(namespace, slice);
            boolean seen = resourceVersion == DELETED ? cached.isEmpty()
                    : cached.isPresent() && version(cached.get()) >= resourceVersion;
            if (!seen) {
                pending.computeIfAbsent(serviceKey, k -> new HashMap<>()).put(slice, resourceVersion);
            }
        }
    }

    /** Whether writes for this Service have not reached the cache yet. */
    boolean inFlight(String serviceKey) {
        synchronized (pending) {
            Map<String, Long> writes = pending.get(serviceKey);
            return writes != null && !writes.isEmpty();
        }
    }

    /** The cache now shows {@code slice} at {@code resourceVersion} ({@link #DELETED}: gone). */
    void observed(String serviceKey, String slice, long resourceVersion) {
        synchronized (pending) {
            Map<String, Long> writes = pending.get(serviceKey);
            if (writes == null) {
                return;
            }
            Long expected = writes.get(slice);
            if (expected != null && (resourceVersion == DELETED || expected != DELETED && resourceVersion >= expected)) {
                writes.remove(slice);
            }
            if (writes.isEmpty()) {
                pending.remove(serviceKey);
            }
        }
    }

    static long version(EndpointSlice slice) {
        String rv = slice.metadata().resourceVersion();
        return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
    }
}
