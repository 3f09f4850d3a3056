package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * A node matches if any one of the terms matches (OR of terms).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeSelector; absent fields are {@code null}.
 */
public record NodeSelector(
        List<NodeSelectorTerm> nodeSelectorTerms) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NodeSelector {
        nodeSelectorTerms = Copies.list(nodeSelectorTerms);
    }
}
