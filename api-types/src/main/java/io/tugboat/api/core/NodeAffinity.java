package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Required and preferred node selector terms.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeAffinity; absent fields are {@code null}.
 */
public record NodeAffinity(
        NodeSelector requiredDuringSchedulingIgnoredDuringExecution,
        List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NodeAffinity {
        preferredDuringSchedulingIgnoredDuringExecution = Copies.list(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
