package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * {@code key In/NotIn/Exists/DoesNotExist/Gt/Lt values} over node labels or fields.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeSelectorRequirement; absent fields are {@code null}.
 */
public record NodeSelectorRequirement(
        String key,
        String operator,
        List<String> values) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NodeSelectorRequirement {
        values = Copies.list(values);
    }
}
