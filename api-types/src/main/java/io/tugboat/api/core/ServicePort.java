package io.tugboat.api.core;

import io.tugboat.api.IntOrString;

/**
 * One port of a Service and the pod port (number or name) it forwards to.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ServicePort; absent fields are {@code null}.
 */
public record ServicePort(
        String name,
        String protocol,
        String appProtocol,
        Integer port,
        IntOrString targetPort,
        Integer nodePort) {
}
