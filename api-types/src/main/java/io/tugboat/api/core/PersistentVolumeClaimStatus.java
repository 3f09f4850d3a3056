package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.Quantity;
import java.util.List;
import java.util.Map;

/**
 * Pending, Bound or Lost, with the capacity actually bound.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PersistentVolumeClaimStatus; absent fields are {@code null}.
 */
public record PersistentVolumeClaimStatus(
        String phase,
        List<String> accessModes,
        Map<String, Quantity> capacity) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PersistentVolumeClaimStatus {
        accessModes = Copies.list(accessModes);
        capacity = Copies.map(capacity);
    }
}
