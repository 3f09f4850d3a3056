/**
 * The scheduler: watches pods that have no node and binds each to a node chosen by filter and score plugins over
 * an immutable snapshot of the cluster. Modelled on kube-scheduler's scheduling framework, cut down; the chapter
 * is {@code docs/scheduler.md}.
 *
 * <pre>
 *   informers ──► EventHandlers ──► SchedulingQueue (pending pods)      SchedulerCache (nodes + their pods)
 *                                         │ pop                                │ snapshot
 *                                         ▼                                    ▼
 *                                    Scheduler loop ──► Algorithm.decide(pod, Snapshot) ──► Framework plugins
 *                                         │ assume in cache
 *                                         ▼
 *                                    binding threads ──► POST pods/{name}/binding
 * </pre>
 * Reading order: {@link io.tugboat.scheduler.framework} (the plugin contracts and the data they see), one or two
 * plugins in {@link io.tugboat.scheduler.plugins}, {@link io.tugboat.scheduler.Algorithm} (the pure decision),
 * {@link io.tugboat.scheduler.Scheduler} (the loop), then the queue and the cache. {@link
 * io.tugboat.scheduler.SchedulerMain} wires it up behind leader election.
 */
package io.tugboat.scheduler;
