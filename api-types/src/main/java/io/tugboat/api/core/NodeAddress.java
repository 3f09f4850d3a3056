package io.tugboat.api.core;


/**
 * One address of a node: InternalIP, ExternalIP or Hostname.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeAddress; absent fields are {@code null}.
 */
public record NodeAddress(
        String type,
        String address) {
}
