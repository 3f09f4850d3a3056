/**
 * Taints and tolerations: filter and PreferNoSchedule score. See {@link io.tugboat.scheduler.plugins.tainttoleration.TaintTolerationPlugin}.
 */
package io.tugboat.scheduler.plugins.tainttoleration;
