package io.tugboat.api.core;


/**
 * One backend address, usually a pod IP.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EndpointAddress; absent fields are {@code null}.
 */
public record EndpointAddress(
        String ip,
        String hostname,
        String nodeName,
        ObjectReference targetRef) {
}
