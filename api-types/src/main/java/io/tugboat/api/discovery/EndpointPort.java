package io.tugboat.api.discovery;

/**
 * One port every endpoint of a slice serves: the Service port's name and protocol with the pod's port number.
 *
 * <p>Field names and shapes are those of Kubernetes discovery.k8s.io/v1 EndpointPort; absent fields are
 * {@code null}. Defaulting fills {@code name} with {@code ""} and {@code protocol} with {@code TCP}.
 */
public record EndpointPort(
        String name,
        String protocol,
        Integer port,
        String appProtocol) {
}
