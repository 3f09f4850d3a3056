package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.Condition;
import java.util.List;

/**
 * Load balancer status and conditions of a Service.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ServiceStatus; absent fields are {@code null}.
 */
public record ServiceStatus(
        LoadBalancerStatus loadBalancer,
        List<Condition> conditions) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ServiceStatus {
        conditions = Copies.list(conditions);
    }
}
