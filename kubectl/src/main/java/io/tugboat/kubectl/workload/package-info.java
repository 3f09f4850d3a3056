/**
 * Verbs about running workloads: {@code logs} (through the API server's proxy to the kubelet), {@code scale}
 * (the {@code scale} subresource), {@code rollout status|history|undo|restart|pause|resume} (kubectl's status
 * viewers in {@link io.tugboat.kubectl.workload.RolloutStatus}, a pure function of one read of the object; history
 * from the Deployment's ReplicaSets and their revision annotations) and {@code wait}.
 */
package io.tugboat.kubectl.workload;
