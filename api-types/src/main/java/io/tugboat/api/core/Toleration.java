package io.tugboat.api.core;


/**
 * Lets a pod be scheduled onto (or stay on) nodes with a matching taint.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Toleration; absent fields are {@code null}.
 */
public record Toleration(
        String key,
        String operator,
        String value,
        String effect,
        Long tolerationSeconds) {
}
