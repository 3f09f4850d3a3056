package io.tugboat.controllermanager;

import java.time.Duration;

/**
 * The settings of the controllers, named and defaulted as kube-controller-manager's flags
 * ({@code --node-monitor-grace-period} is {@link #nodeMonitorGracePeriod}).
 *
 * @param nodeMonitorPeriod          how often the node lifecycle controller looks at each node at the latest
 * @param nodeMonitorGracePeriod     how long a node may go without renewing its Lease (or posting status) before
 *                                   its conditions turn Unknown; 40 s as issue #7 asks (Kubernetes 1.29+: 50 s)
 * @param nodeStartupGracePeriod     the same for a node that has never been Ready
 * @param nodeEvictionRate           nodes per second whose pods may be evicted (tainted NoExecute) in a healthy zone
 * @param secondaryNodeEvictionRate  the same in an unhealthy zone of a large cluster (0 in a small one)
 * @param unhealthyZoneThreshold     fraction of not-Ready nodes (at least 3) that makes a zone unhealthy
 * @param largeClusterSizeThreshold  zones with more nodes than this use the secondary rate when unhealthy
 * @param concurrentGcSyncs          garbage collector workers
 * @param concurrentNamespaceSyncs   namespace controller workers
 * @param concurrentReplicaSetSyncs  ReplicaSet controller workers
 * @param concurrentDeploymentSyncs  Deployment controller workers
 * @param concurrentNodeSyncs        node lifecycle and taint eviction workers (Tugboat only)
 * @param nodeIpam                   {@code --allocate-node-cidrs}, {@code --cluster-cidr}, {@code --node-cidr-mask-size}
 */
public record ControllerManagerOptions(
        Duration nodeMonitorPeriod,
        Duration nodeMonitorGracePeriod,
        Duration nodeStartupGracePeriod,
        double nodeEvictionRate,
        double secondaryNodeEvictionRate,
        double unhealthyZoneThreshold,
        int largeClusterSizeThreshold,
        int concurrentGcSyncs,
        int concurrentNamespaceSyncs,
        int concurrentReplicaSetSyncs,
        int concurrentDeploymentSyncs,
        int concurrentNodeSyncs,
        io.tugboat.controllermanager.nodeipam.NodeIpamOptions nodeIpam) {

    /** kube-controller-manager's defaults. */
    public static ControllerManagerOptions defaults() {
        return new ControllerManagerOptions(Duration.ofSeconds(5), Duration.ofSeconds(40), Duration.ofSeconds(60),
                0.1, 0.01, 0.55, 50, 20, 10, 5, 5, 5,
                io.tugboat.controllermanager.nodeipam.NodeIpamOptions.defaults());
    }

    public ControllerManagerOptions withNodeMonitor(Duration period, Duration gracePeriod, Duration startupGracePeriod) {
        return new ControllerManagerOptions(period, gracePeriod, startupGracePeriod, nodeEvictionRate,
                secondaryNodeEvictionRate, unhealthyZoneThreshold, largeClusterSizeThreshold, concurrentGcSyncs,
                concurrentNamespaceSyncs, concurrentReplicaSetSyncs, concurrentDeploymentSyncs, concurrentNodeSyncs, nodeIpam);
    }

    public ControllerManagerOptions withEviction(double rate, double secondaryRate, double unhealthyThreshold,
                                                 int largeClusterThreshold) {
        return new ControllerManagerOptions(nodeMonitorPeriod, nodeMonitorGracePeriod, nodeStartupGracePeriod, rate,
                secondaryRate, unhealthyThreshold, largeClusterThreshold, concurrentGcSyncs, concurrentNamespaceSyncs,
                concurrentReplicaSetSyncs, concurrentDeploymentSyncs, concurrentNodeSyncs, nodeIpam);
    }

    public ControllerManagerOptions withConcurrency(int gc, int namespace, int replicaSet, int deployment, int node) {
        return new ControllerManagerOptions(nodeMonitorPeriod, nodeMonitorGracePeriod, nodeStartupGracePeriod,
                nodeEvictionRate, secondaryNodeEvictionRate, unhealthyZoneThreshold, largeClusterSizeThreshold, gc,
                namespace, replicaSet, deployment, node, nodeIpam);
    }

    public ControllerManagerOptions withNodeIpam(io.tugboat.controllermanager.nodeipam.NodeIpamOptions ipam) {
        return new ControllerManagerOptions(nodeMonitorPeriod, nodeMonitorGracePeriod, nodeStartupGracePeriod,
                nodeEvictionRate, secondaryNodeEvictionRate, unhealthyZoneThreshold, largeClusterSizeThreshold,
                concurrentGcSyncs, concurrentNamespaceSyncs, concurrentReplicaSetSyncs, concurrentDeploymentSyncs,
                concurrentNodeSyncs, ipam);
    }
}
