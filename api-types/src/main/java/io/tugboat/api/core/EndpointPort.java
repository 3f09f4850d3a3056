package io.tugboat.api.core;


/**
 * One port of a subset.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EndpointPort; absent fields are {@code null}.
 */
public record EndpointPort(
        String name,
        Integer port,
        String protocol,
        String appProtocol) {
}
