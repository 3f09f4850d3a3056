package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.Quantity;
import java.util.Map;

/**
 * The storage requested (and limited) by a claim.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 VolumeResourceRequirements; absent fields are {@code null}.
 */
public record VolumeResourceRequirements(
        Map<String, Quantity> limits,
        Map<String, Quantity> requests) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public VolumeResourceRequirements {
        limits = Copies.map(limits);
        requests = Copies.map(requests);
    }
}
