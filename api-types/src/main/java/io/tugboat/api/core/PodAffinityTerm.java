package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.LabelSelector;
import java.util.List;

/**
 * Pods selected by labelSelector (in namespaces) within the domain named by topologyKey.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodAffinityTerm; absent fields are {@code null}.
 */
public record PodAffinityTerm(
        LabelSelector labelSelector,
        List<String> namespaces,
        String topologyKey,
        LabelSelector namespaceSelector) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PodAffinityTerm {
        namespaces = Copies.list(namespaces);
    }
}
