/**
 * Pod affinity and anti-affinity over topology domains: filter and score. See {@link io.tugboat.scheduler.plugins.interpodaffinity.InterPodAffinityPlugin}.
 */
package io.tugboat.scheduler.plugins.interpodaffinity;
