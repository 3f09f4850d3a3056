/**
 * The scheduler's cache: nodes and the pods on them, bound or assumed, maintained from informer events, with the
 * assume / forget / confirm / expire life cycle that lets the scheduler decide the next pod before the last
 * binding has returned. See {@link io.tugboat.scheduler.cache.SchedulerCache}; mirrors kube-scheduler's
 * {@code internal/cache}.
 */
package io.tugboat.scheduler.cache;
