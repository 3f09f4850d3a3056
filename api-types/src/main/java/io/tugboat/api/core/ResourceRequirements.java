package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.Quantity;
import java.util.Map;

/**
 * Requests (what the scheduler reserves) and limits (what the runtime enforces) per resource name.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ResourceRequirements; absent fields are {@code null}.
 */
public record ResourceRequirements(
        Map<String, Quantity> limits,
        Map<String, Quantity> requests) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ResourceRequirements {
        limits = Copies.map(limits);
        requests = Copies.map(requests);
    }
}
