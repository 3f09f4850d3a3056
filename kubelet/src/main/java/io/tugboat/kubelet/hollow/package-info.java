/**
 * Hollow nodes: many simulated kubelets in one process, to load the control plane as a big cluster would —
 * Tugboat's kubemark. See {@code docs/hollow-nodes.md} for how to run them.
 *
 * <p>A hollow kubelet does everything the API server can see a kubelet do, and nothing else:
 * <ul>
 *   <li>it registers a Node — Ready, with capacity, the standard labels and addresses ({@link NodeTemplate});</li>
 *   <li>it renews the node's Lease in {@code kube-node-lease} and reports node status now and then
 *       ({@link NodeAgent});</li>
 *   <li>it "runs" the pods bound to it: admits them against the node's capacity, gives them an address from the
 *       node's fake range, and reports them Running; it finishes graceful deletions with a grace-0 delete
 *       ({@link HollowPodController} over a {@link HollowRuntime}, which pretends to run containers).</li>
 * </ul>
 *
 * <p>What makes a thousand of them cheap is sharing: one pod watch for the whole fleet dispatching by
 * {@code spec.nodeName}, one bounded pool of workers for status writes, one timer spreading the heartbeats over
 * the interval ({@link HollowNodes}). The scheduler and controllers cannot tell these nodes from real ones —
 * which is the point: Kubernetes measures its scheduler the same way (kubemark, {@code test/kubemark}).
 */
package io.tugboat.kubelet.hollow;
