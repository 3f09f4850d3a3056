/**
 * Topology spread constraints and the default spreading of controller pods: filter and score. See {@link io.tugboat.scheduler.plugins.podtopologyspread.PodTopologySpreadPlugin}.
 */
package io.tugboat.scheduler.plugins.podtopologyspread;
