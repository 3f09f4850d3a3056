/**
 * spec.nodeName. See {@link io.tugboat.scheduler.plugins.nodename.NodeNamePlugin}.
 */
package io.tugboat.scheduler.plugins.nodename;
