package io.tugboat.api.core;

/**
 * Settings of a Service's session affinity.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 SessionAffinityConfig; absent fields are {@code null}.
 */
public record SessionAffinityConfig(
        ClientIPConfig clientIP) {
}
