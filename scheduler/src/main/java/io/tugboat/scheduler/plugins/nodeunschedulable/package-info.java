/**
 * Cordoned nodes. See {@link io.tugboat.scheduler.plugins.nodeunschedulable.NodeUnschedulablePlugin}.
 */
package io.tugboat.scheduler.plugins.nodeunschedulable;
