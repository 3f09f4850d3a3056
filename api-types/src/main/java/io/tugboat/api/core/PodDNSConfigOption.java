package io.tugboat.api.core;

/**
 * One resolver option, {@code ndots} with value {@code 2} or {@code edns0} without one.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodDNSConfigOption; absent fields are {@code null}.
 */
public record PodDNSConfigOption(
        String name,
        String value) {
}
