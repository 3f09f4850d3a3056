/**
 * The node's presence in the cluster: {@link io.tugboat.kubelet.node.NodeStatusReporter} registers the Node and
 * keeps its conditions true (written on change and at least every minute); {@link io.tugboat.kubelet.node.NodeLeaseRenewer}
 * renews the Lease in {@code kube-node-lease} every 10 s, the heartbeat the node lifecycle controller watches.
 */
package io.tugboat.kubelet.node;
