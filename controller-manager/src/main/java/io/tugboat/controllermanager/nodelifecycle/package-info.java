/**
 * What happens when a node goes silent.
 *
 * <pre>
 *   kubelet stops ─▶ its Lease is not renewed ─▶ after --node-monitor-grace-period:
 *     {@link io.tugboat.controllermanager.nodelifecycle.NodeLifecycleController}
 *        Ready (and the other kubelet conditions) := Unknown, "Kubelet stopped posting node status.";
 *        the node's pods are marked not Ready
 *        taints node.kubernetes.io/unreachable:NoSchedule (no new pods) and :NoExecute (pods must go),
 *        the NoExecute one paced by the zone's eviction rate ({@link io.tugboat.controllermanager.nodelifecycle.Zones})
 *   ─▶ {@link io.tugboat.controllermanager.nodelifecycle.TaintEvictionController}
 *        each pod that does not tolerate the taint is deleted at once; one that tolerates it for
 *        tolerationSeconds (the API server gives every pod 300 s) is deleted when they have passed
 *        (event TaintManagerEviction); its owner creates a replacement elsewhere
 *   ─▶ the deleted pod waits for a kubelet that will never confirm: once its grace period is over it is
 *        force-deleted (grace 0)
 *   kubelet back ─▶ Lease renewed, Ready=True posted ─▶ taints removed
 * </pre>
 * Pure parts: {@link io.tugboat.controllermanager.nodelifecycle.NodeHealth},
 * {@link io.tugboat.controllermanager.nodelifecycle.NodeTaints},
 * {@link io.tugboat.controllermanager.nodelifecycle.Tolerations}, {@link io.tugboat.controllermanager.nodelifecycle.Zones}.
 * Mirrors Kubernetes' {@code pkg/controller/nodelifecycle} and {@code pkg/controller/tainteviction}; the
 * timeline with its flags is in docs/controller-manager.md.
 */
package io.tugboat.controllermanager.nodelifecycle;
