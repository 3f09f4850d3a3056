package io.tugboat.api.core;


/**
 * One ingress point: an IP or a hostname.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 LoadBalancerIngress; absent fields are {@code null}.
 */
public record LoadBalancerIngress(
        String ip,
        String hostname) {
}
