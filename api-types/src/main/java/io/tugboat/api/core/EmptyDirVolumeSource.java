package io.tugboat.api.core;

import io.tugboat.api.Quantity;

/**
 * A scratch directory that lives as long as the pod.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EmptyDirVolumeSource; absent fields are {@code null}.
 */
public record EmptyDirVolumeSource(
        String medium,
        Quantity sizeLimit) {
}
