package io.tugboat.scheduler.framework;

import io.tugboat.api.core.Pod;

/**
 * Bind: makes the decision durable, normally by POSTing a Binding to {@code pods/{name}/binding}. Runs on a
 * binding thread, while the scheduling thread goes on with the next pod (the cache already assumes this pod on
 * its node).
 *
 * <p>Contract: returns {@link Status#SUCCESS} once the binding is stored, {@link Status#SKIP} to let the next
 * bind plugin handle the pod, or {@link Status.Code#ERROR}: the scheduler then forgets the assumption and
 * retries the pod after a backoff. May block on I/O.
 */
public interface BindPlugin extends Plugin {
    Status bind(Pod pod, String nodeName);
}
