package io.tugboat.api.core;


/**
 * The action of a lifecycle hook.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 LifecycleHandler; absent fields are {@code null}.
 */
public record LifecycleHandler(
        ExecAction exec,
        HTTPGetAction httpGet,
        TCPSocketAction tcpSocket) {
}
