package io.tugboat.scheduler;

import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiException;

/**
 * Writes a pod's {@code PodScheduled=False} condition through the status subresource. An interface so the
 * scheduler's unit tests can record the writes instead of sending them.
 */
@FunctionalInterface
public interface PodConditionWriter {
    /**
     * @param reason  {@code Unschedulable} or {@code SchedulerError}
     * @param message the explanation, e.g. {@code 0/3 nodes are available: 3 Insufficient cpu.}
     */
    void writeNotScheduled(Pod pod, String reason, String message) throws ApiException;
}
