package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.time.Instant;
import java.util.List;

/**
 * What the kubelet observed: phase, conditions, IPs and one status per container.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodStatus; absent fields are {@code null}.
 */
public record PodStatus(
        String phase,
        List<PodCondition> conditions,
        String message,
        String reason,
        String hostIP,
        List<HostIP> hostIPs,
        String podIP,
        List<PodIP> podIPs,
        Instant startTime,
        List<ContainerStatus> initContainerStatuses,
        List<ContainerStatus> containerStatuses,
        String qosClass) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PodStatus {
        conditions = Copies.list(conditions);
        hostIPs = Copies.list(hostIPs);
        podIPs = Copies.list(podIPs);
        initContainerStatuses = Copies.list(initContainerStatuses);
        containerStatuses = Copies.list(containerStatuses);
    }

    public PodStatus withPhase(String phase) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withConditions(List<PodCondition> conditions) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withMessage(String message) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withReason(String reason) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withHostIP(String hostIP) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withHostIPs(List<HostIP> hostIPs) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withPodIP(String podIP) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withPodIPs(List<PodIP> podIPs) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withStartTime(Instant startTime) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withInitContainerStatuses(List<ContainerStatus> initContainerStatuses) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withContainerStatuses(List<ContainerStatus> containerStatuses) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withQosClass(String qosClass) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }
}
