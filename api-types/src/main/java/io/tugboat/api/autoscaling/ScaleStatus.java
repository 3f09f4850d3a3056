package io.tugboat.api.autoscaling;


/**
 * The observed replicas and the label selector (string form) of the pods.
 *
 * <p>Field names and shapes are those of Kubernetes autoscaling/v1 ScaleStatus; absent fields are {@code null}.
 */
public record ScaleStatus(
        Integer replicas,
        String selector) {
}
