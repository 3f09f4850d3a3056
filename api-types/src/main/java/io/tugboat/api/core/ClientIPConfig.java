package io.tugboat.api.core;

/**
 * How long a client stays with the endpoint it was first sent to ({@code sessionAffinity: ClientIP}).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ClientIPConfig; absent fields are {@code null}.
 *
 * @param timeoutSeconds seconds since the client's last connection; 1 to 86400, defaults to 10800 (3 hours)
 */
public record ClientIPConfig(
        Integer timeoutSeconds) {
}
