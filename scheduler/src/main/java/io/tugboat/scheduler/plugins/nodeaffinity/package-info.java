/**
 * nodeSelector and node affinity: filter and preferred-term score. See {@link io.tugboat.scheduler.plugins.nodeaffinity.NodeAffinityPlugin}.
 */
package io.tugboat.scheduler.plugins.nodeaffinity;
