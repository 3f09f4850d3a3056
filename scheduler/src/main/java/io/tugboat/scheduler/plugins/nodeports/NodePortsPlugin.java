package io.tugboat.scheduler.plugins.nodeports;

import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.HostPort;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.PreFilterPlugin;
import io.tugboat.scheduler.framework.Snapshot;
import io.tugboat.scheduler.framework.Status;

/**
 * Host ports (the issue calls it HostPorts; Kubernetes' name is NodePorts): a node where another pod already holds
 * a requested {@code hostPort} (same protocol, same or wildcard IP) is filtered out.
 */
public final class NodePortsPlugin implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    public static NodePortsPlugin create(Handle handle) {
        return new NodePortsPlugin();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        return pod.hostPorts().isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        for (HostPort wanted : pod.hostPorts()) {
            for (HostPort used : node.usedPorts()) {
                if (wanted.conflictsWith(used)) {
                    return Status.unschedulable(REASON);
                }
            }
        }
        return Status.SUCCESS;
    }
}
