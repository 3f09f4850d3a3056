package io.tugboat.api.core;

import io.tugboat.api.meta.ObjectMeta;

/**
 * The pod that workload controllers stamp out: metadata (labels) plus a pod spec.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodTemplateSpec; absent fields are {@code null}.
 */
public record PodTemplateSpec(
        ObjectMeta metadata,
        PodSpec spec) {
}
