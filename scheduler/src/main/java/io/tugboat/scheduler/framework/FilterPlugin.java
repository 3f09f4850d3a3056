package io.tugboat.scheduler.framework;

/**
 * Filter: may {@code pod} run on {@code node}? Called for many nodes per cycle, so it must be cheap: read the
 * pod, the node's {@link NodeInfo} aggregates and what the plugin's PreFilter left in {@code state}; never call
 * the API server.
 *
 * <p>Contract: returns {@link Status#SUCCESS}, or a rejection whose reasons are short phrases in Kubernetes'
 * wording ({@code Insufficient cpu}), because they are counted into the pod's "0/N nodes are available" message.
 * {@link Status.Code#UNSCHEDULABLE_AND_UNRESOLVABLE} says removing pods from the node would not help. The first
 * rejecting plugin decides; later plugins are not called for that node.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
