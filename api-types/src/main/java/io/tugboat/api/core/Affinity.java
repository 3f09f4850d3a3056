package io.tugboat.api.core;


/**
 * Scheduling constraints relative to node labels and to other pods.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Affinity; absent fields are {@code null}.
 */
public record Affinity(
        NodeAffinity nodeAffinity,
        PodAffinity podAffinity,
        PodAntiAffinity podAntiAffinity) {
}
