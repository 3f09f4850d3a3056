/**
 * The plugins, one package each with a {@code NAME} constant and a {@code create(Handle)} factory, registered by
 * name in {@link io.tugboat.scheduler.plugins.Registry}. Each is Kubernetes' plugin of the same name, cut down to
 * what Tugboat supports; NodeReady is Tugboat's own stand-in for the not-ready taints (see its Javadoc). A good
 * first read is {@link io.tugboat.scheduler.plugins.nodeunschedulable.NodeUnschedulablePlugin}; the richest are
 * {@link io.tugboat.scheduler.plugins.interpodaffinity.InterPodAffinityPlugin} and {@link
 * io.tugboat.scheduler.plugins.podtopologyspread.PodTopologySpreadPlugin}.
 */
package io.tugboat.scheduler.plugins;
