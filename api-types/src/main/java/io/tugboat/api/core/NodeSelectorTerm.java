package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * A term matches if all its requirements match (AND).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeSelectorTerm; absent fields are {@code null}.
 */
public record NodeSelectorTerm(
        List<NodeSelectorRequirement> matchExpressions,
        List<NodeSelectorRequirement> matchFields) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NodeSelectorTerm {
        matchExpressions = Copies.list(matchExpressions);
        matchFields = Copies.list(matchFields);
    }
}
