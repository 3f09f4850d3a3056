package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Co-locate with pods matching the terms, in the same topology domain.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodAffinity; absent fields are {@code null}.
 */
public record PodAffinity(
        List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
        List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PodAffinity {
        requiredDuringSchedulingIgnoredDuringExecution = Copies.list(requiredDuringSchedulingIgnoredDuringExecution);
        preferredDuringSchedulingIgnoredDuringExecution = Copies.list(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
