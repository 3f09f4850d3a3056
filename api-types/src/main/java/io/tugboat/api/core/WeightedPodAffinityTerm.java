package io.tugboat.api.core;


/**
 * A pod affinity term with a weight.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 WeightedPodAffinityTerm; absent fields are {@code null}.
 */
public record WeightedPodAffinityTerm(
        Integer weight,
        PodAffinityTerm podAffinityTerm) {
}
