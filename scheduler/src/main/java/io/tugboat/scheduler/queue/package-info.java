/**
 * The scheduling queue: activeQ (by priority, then age), backoffQ (1 s doubling to 10 s) and the unschedulable
 * set, flushed by events that could help and periodically. See {@link io.tugboat.scheduler.queue.SchedulingQueue};
 * mirrors kube-scheduler's {@code internal/queue}.
 */
package io.tugboat.scheduler.queue;
