/**
 * Node IPAM: each Node gets its own slice of the cluster's pod address range in {@code spec.podCIDR}, from which
 * its kubelet hands out pod IPs — so pod IPs are unique across the cluster without any node asking another.
 *
 * <pre>
 *   --cluster-cidr=10.244.0.0/16  --node-cidr-mask-size=24      256 node ranges of 254 pod addresses
 *
 *   node-1 registers (no podCIDR) ─▶ reconcile: next free /24 ─▶ PATCH spec.podCIDR=10.244.0.0/24
 *   node-2 registers               ─▶                           PATCH spec.podCIDR=10.244.1.0/24
 *   node-1 deleted                 ─▶ 10.244.0.0/24 free again (handed out only after the others: round robin)
 *   controller-manager restarts    ─▶ occupancy rebuilt from the Nodes' spec.podCIDR before any new allocation
 * </pre>
 * The allocation lives only in the Node objects: the controller's bitmap ({@link CidrSet}) is rebuilt from them,
 * so nothing is lost when the controller-manager restarts or another replica takes over. Model:
 * kube-controller-manager's {@code nodeipam} range allocator ({@code --allocate-node-cidrs}), IPv4 only.
 * See docs/controller-manager.md.
 */
package io.tugboat.controllermanager.nodeipam;
