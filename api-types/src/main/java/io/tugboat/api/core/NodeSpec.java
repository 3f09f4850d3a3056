package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Desired node settings: pod CIDR, cordoning (unschedulable) and taints.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeSpec; absent fields are {@code null}.
 */
public record NodeSpec(
        String podCIDR,
        List<String> podCIDRs,
        String providerID,
        Boolean unschedulable,
        List<Taint> taints) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NodeSpec {
        podCIDRs = Copies.list(podCIDRs);
        taints = Copies.list(taints);
    }

    public NodeSpec withPodCIDR(String podCIDR) {
        return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, taints);
    }

    public NodeSpec withPodCIDRs(List<String> podCIDRs) {
        return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, taints);
    }

    public NodeSpec withProviderID(String providerID) {
        return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, taints);
    }

    public NodeSpec withUnschedulable(Boolean unschedulable) {
        return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, taints);
    }

    public NodeSpec withTaints(List<Taint> taints) {
        return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, taints);
    }
}
