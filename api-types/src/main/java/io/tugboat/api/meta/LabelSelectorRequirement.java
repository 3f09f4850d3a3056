package io.tugboat.api.meta;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * One set-based requirement: {@code key In/NotIn values}, or {@code key Exists/DoesNotExist}.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 LabelSelectorRequirement; absent fields are {@code null}.
 */
public record LabelSelectorRequirement(
        String key,
        String operator,
        List<String> values) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public LabelSelectorRequirement {
        values = Copies.list(values);
    }
}
