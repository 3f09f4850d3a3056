/**
 * Balanced CPU and memory use: score. See {@link io.tugboat.scheduler.plugins.balancedallocation.BalancedAllocationPlugin}.
 */
package io.tugboat.scheduler.plugins.balancedallocation;
