/**
 * The scheduling framework: one small interface per extension point — {@link
 * io.tugboat.scheduler.framework.PreFilterPlugin}, {@link io.tugboat.scheduler.framework.FilterPlugin}, {@link
 * io.tugboat.scheduler.framework.PreScorePlugin}, {@link io.tugboat.scheduler.framework.ScorePlugin}, {@link
 * io.tugboat.scheduler.framework.PreBindPlugin}, {@link io.tugboat.scheduler.framework.BindPlugin} — each with its contract in its Javadoc, results as {@link
 * io.tugboat.scheduler.framework.Status} values, and the data plugins read: {@link
 * io.tugboat.scheduler.framework.PodInfo} (a pod, parsed once), {@link io.tugboat.scheduler.framework.NodeInfo} (a
 * node with per-node aggregates) and {@link io.tugboat.scheduler.framework.Snapshot} (all nodes, frozen for one
 * cycle). {@link io.tugboat.scheduler.framework.Framework} runs a profile's plugins point by point. Mirrors
 * {@code pkg/scheduler/framework} of Kubernetes.
 */
package io.tugboat.scheduler.framework;
