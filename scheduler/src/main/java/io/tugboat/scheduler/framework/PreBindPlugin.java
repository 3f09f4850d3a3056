package io.tugboat.scheduler.framework;

import io.tugboat.api.core.Pod;

/**
 * PreBind: what must be written before the pod's Binding, on the binding thread (Kubernetes' VolumeBinding writes
 * the volume choices it made while filtering: a pre-bound volume, or the node selected for provisioning).
 *
 * <p>Contract: returns {@link Status#SUCCESS} once its writes are stored (or there was nothing to write), or an
 * error: the pod is then not bound, the scheduler forgets the assumption and retries the pod after a backoff.
 * Must be idempotent, as a retried pod runs it again. May block on I/O. A plugin enabled for Filter runs its
 * PreBind too when it has one.
 */
public interface PreBindPlugin extends Plugin {
    Status preBind(Pod pod, String nodeName);
}
