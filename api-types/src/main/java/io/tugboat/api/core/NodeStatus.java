package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.Quantity;
import java.util.List;
import java.util.Map;

/**
 * What the kubelet reports about its node.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NodeStatus; absent fields are {@code null}.
 */
public record NodeStatus(
        Map<String, Quantity> capacity,
        Map<String, Quantity> allocatable,
        String phase,
        List<NodeCondition> conditions,
        List<NodeAddress> addresses,
        NodeDaemonEndpoints daemonEndpoints,
        NodeSystemInfo nodeInfo) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NodeStatus {
        capacity = Copies.map(capacity);
        allocatable = Copies.map(allocatable);
        conditions = Copies.list(conditions);
        addresses = Copies.list(addresses);
    }

    public NodeStatus withCapacity(Map<String, Quantity> capacity) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, nodeInfo);
    }

    public NodeStatus withAllocatable(Map<String, Quantity> allocatable) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, nodeInfo);
    }

    public NodeStatus withPhase(String phase) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, nodeInfo);
    }

    public NodeStatus withConditions(List<NodeCondition> conditions) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, nodeInfo);
    }

    public NodeStatus withAddresses(List<NodeAddress> addresses) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, nodeInfo);
    }

    public NodeStatus withDaemonEndpoints(NodeDaemonEndpoints daemonEndpoints) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, nodeInfo);
    }

    public NodeStatus withNodeInfo(NodeSystemInfo nodeInfo) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, nodeInfo);
    }
}
