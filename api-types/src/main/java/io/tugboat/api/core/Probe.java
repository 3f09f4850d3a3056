package io.tugboat.api.core;


/**
 * A health check (exec, HTTP GET or TCP) with its timing; Kubernetes' defaults are 1 s timeout, 10 s period,
 * success threshold 1 and failure threshold 3.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Probe; absent fields are {@code null}.
 */
public record Probe(
        ExecAction exec,
        HTTPGetAction httpGet,
        TCPSocketAction tcpSocket,
        Integer initialDelaySeconds,
        Integer timeoutSeconds,
        Integer periodSeconds,
        Integer successThreshold,
        Integer failureThreshold,
        Long terminationGracePeriodSeconds) {
}
