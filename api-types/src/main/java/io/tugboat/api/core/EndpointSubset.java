package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * A set of addresses that all expose the same ports.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EndpointSubset; absent fields are {@code null}.
 */
public record EndpointSubset(
        List<EndpointAddress> addresses,
        List<EndpointAddress> notReadyAddresses,
        List<EndpointPort> ports) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public EndpointSubset {
        addresses = Copies.list(addresses);
        notReadyAddresses = Copies.list(notReadyAddresses);
        ports = Copies.list(ports);
    }
}
