package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Ingress points of a load balancer.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 LoadBalancerStatus; absent fields are {@code null}.
 */
public record LoadBalancerStatus(
        List<LoadBalancerIngress> ingress) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public LoadBalancerStatus {
        ingress = Copies.list(ingress);
    }
}
