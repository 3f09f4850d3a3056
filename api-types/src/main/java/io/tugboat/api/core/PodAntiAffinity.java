package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Keep away from pods matching the terms, in the same topology domain.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodAntiAffinity; absent fields are {@code null}.
 */
public record PodAntiAffinity(
        List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
        List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PodAntiAffinity {
        requiredDuringSchedulingIgnoredDuringExecution = Copies.list(requiredDuringSchedulingIgnoredDuringExecution);
        preferredDuringSchedulingIgnoredDuringExecution = Copies.list(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
