package io.tugboat.api.core;

import io.tugboat.api.Quantity;

/**
 * A container resource (limits.cpu, requests.memory...) exposed as a value, divided by divisor.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ResourceFieldSelector; absent fields are {@code null}.
 */
public record ResourceFieldSelector(
        String containerName,
        String resource,
        Quantity divisor) {
}
