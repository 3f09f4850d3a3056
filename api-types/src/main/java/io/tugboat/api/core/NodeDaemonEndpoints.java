package io.tugboat.api.core;


/**
 * Ports of the daemons on the node; the API server finds the kubelet here.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeDaemonEndpoints; absent fields are {@code null}.
 */
public record NodeDaemonEndpoints(
        DaemonEndpoint kubeletEndpoint) {
}
