package io.tugboat.api.meta;

import io.tugboat.api.Copies;
import java.util.List;
import java.util.Map;

/**
 * Selects objects by labels: every matchLabels entry and every matchExpressions requirement must hold (AND).
 * An empty selector matches everything; a null selector matches nothing.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 LabelSelector; absent fields are {@code null}.
 */
public record LabelSelector(
        Map<String, String> matchLabels,
        List<LabelSelectorRequirement> matchExpressions) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public LabelSelector {
        matchLabels = Copies.map(matchLabels);
        matchExpressions = Copies.list(matchExpressions);
    }
}
