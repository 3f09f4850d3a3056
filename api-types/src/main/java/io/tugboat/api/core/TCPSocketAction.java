package io.tugboat.api.core;

import io.tugboat.api.IntOrString;

/**
 * Opens a TCP connection to the port; connecting is success.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 TCPSocketAction; absent fields are {@code null}.
 */
public record TCPSocketAction(
        IntOrString port,
        String host) {
}
