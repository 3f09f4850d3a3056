/**
 * The scheduler: watches pods that have no node and binds each to a node chosen by filter and
 * score plugins over an immutable snapshot of the cluster. Modelled on kube-scheduler's
 * scheduling framework.
 */
package io.tugboat.scheduler;
