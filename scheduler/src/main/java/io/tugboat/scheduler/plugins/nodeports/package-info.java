/**
 * Host ports already taken on a node. See {@link io.tugboat.scheduler.plugins.nodeports.NodePortsPlugin}.
 */
package io.tugboat.scheduler.plugins.nodeports;
