/**
 * CPU, memory and pod count: fit filter and LeastAllocated score. See {@link io.tugboat.scheduler.plugins.noderesources.NodeResourcesFitPlugin}.
 */
package io.tugboat.scheduler.plugins.noderesources;
