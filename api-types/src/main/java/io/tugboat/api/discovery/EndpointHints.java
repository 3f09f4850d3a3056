package io.tugboat.api.discovery;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Topology-aware routing hints: the zones (and nodes) that should prefer this endpoint. Stored and served;
 * Tugboat's controller writes none.
 *
 * <p>Field names and shapes are those of Kubernetes discovery.k8s.io/v1 EndpointHints; absent fields are
 * {@code null}.
 */
public record EndpointHints(
        List<ForZone> forZones,
        List<ForNode> forNodes) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public EndpointHints {
        forZones = Copies.list(forZones);
        forNodes = Copies.list(forNodes);
    }
}
