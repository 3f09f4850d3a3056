/**
 * Nodes that are not Ready, judged as the not-ready and unreachable taints would be. See {@link io.tugboat.scheduler.plugins.nodeready.NodeReadyPlugin}.
 */
package io.tugboat.scheduler.plugins.nodeready;
