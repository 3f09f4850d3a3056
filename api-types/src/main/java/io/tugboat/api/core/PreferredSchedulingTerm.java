package io.tugboat.api.core;


/**
 * A node selector term with a weight (1-100) added to a node's score when it matches.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PreferredSchedulingTerm; absent fields are {@code null}.
 */
public record PreferredSchedulingTerm(
        Integer weight,
        NodeSelectorTerm preference) {
}
