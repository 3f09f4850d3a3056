package io.tugboat.api.autoscaling;


/**
 * The desired replicas.
 *
 * <p>Field names and shapes are those of Kubernetes autoscaling/v1 ScaleSpec; absent fields are {@code null}.
 */
public record ScaleSpec(
        Integer replicas) {
}
