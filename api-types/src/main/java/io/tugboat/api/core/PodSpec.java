package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.Quantity;
import java.util.List;
import java.util.Map;

/**
 * What a pod should run and where: containers, volumes, scheduling constraints and lifecycle settings.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodSpec; absent fields are {@code null}.
 */
public record PodSpec(
        List<Volume> volumes,
        List<Container> initContainers,
        List<Container> containers,
        String restartPolicy,
        Long terminationGracePeriodSeconds,
        Long activeDeadlineSeconds,
        String dnsPolicy,
        Map<String, String> nodeSelector,
        String serviceAccountName,
        String serviceAccount,
        Boolean automountServiceAccountToken,
        String nodeName,
        Boolean hostNetwork,
        Boolean hostPID,
        Boolean hostIPC,
        List<LocalObjectReference> imagePullSecrets,
        String hostname,
        String subdomain,
        Affinity affinity,
        String schedulerName,
        List<Toleration> tolerations,
        String priorityClassName,
        Integer priority,
        Boolean enableServiceLinks,
        List<TopologySpreadConstraint> topologySpreadConstraints,
        Map<String, Quantity> overhead,
        PodDNSConfig dnsConfig) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PodSpec {
        volumes = Copies.list(volumes);
        initContainers = Copies.list(initContainers);
        containers = Copies.list(containers);
        nodeSelector = Copies.map(nodeSelector);
        imagePullSecrets = Copies.list(imagePullSecrets);
        tolerations = Copies.list(tolerations);
        topologySpreadConstraints = Copies.list(topologySpreadConstraints);
        overhead = Copies.map(overhead);
    }

    /** The spec without topology spread constraints and overhead, the shape this record had before they were added. */
    public PodSpec(List<Volume> volumes, List<Container> initContainers, List<Container> containers, String restartPolicy,
                   Long terminationGracePeriodSeconds, Long activeDeadlineSeconds, String dnsPolicy,
                   Map<String, String> nodeSelector, String serviceAccountName, String serviceAccount,
                   Boolean automountServiceAccountToken, String nodeName, Boolean hostNetwork, Boolean hostPID,
                   Boolean hostIPC, List<LocalObjectReference> imagePullSecrets, String hostname, String subdomain,
                   Affinity affinity, String schedulerName, List<Toleration> tolerations, String priorityClassName,
                   Integer priority, Boolean enableServiceLinks) {
        this(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, null, null, null);
    }

    /** The spec without dnsConfig, the shape this record had before it was added. */
    public PodSpec(List<Volume> volumes, List<Container> initContainers, List<Container> containers, String restartPolicy,
                   Long terminationGracePeriodSeconds, Long activeDeadlineSeconds, String dnsPolicy,
                   Map<String, String> nodeSelector, String serviceAccountName, String serviceAccount,
                   Boolean automountServiceAccountToken, String nodeName, Boolean hostNetwork, Boolean hostPID,
                   Boolean hostIPC, List<LocalObjectReference> imagePullSecrets, String hostname, String subdomain,
                   Affinity affinity, String schedulerName, List<Toleration> tolerations, String priorityClassName,
                   Integer priority, Boolean enableServiceLinks, List<TopologySpreadConstraint> topologySpreadConstraints,
                   Map<String, Quantity> overhead) {
        this(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, null);
    }

    public PodSpec withVolumes(List<Volume> volumes) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withInitContainers(List<Container> initContainers) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withContainers(List<Container> containers) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withRestartPolicy(String restartPolicy) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withTerminationGracePeriodSeconds(Long terminationGracePeriodSeconds) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withDnsPolicy(String dnsPolicy) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withNodeSelector(Map<String, String> nodeSelector) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withServiceAccountName(String serviceAccountName) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withServiceAccount(String serviceAccount) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withAutomountServiceAccountToken(Boolean automountServiceAccountToken) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withNodeName(String nodeName) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withHostNetwork(Boolean hostNetwork) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withHostPID(Boolean hostPID) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withHostIPC(Boolean hostIPC) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withHostname(String hostname) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withSubdomain(String subdomain) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withAffinity(Affinity affinity) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withSchedulerName(String schedulerName) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withTolerations(List<Toleration> tolerations) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withPriorityClassName(String priorityClassName) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withPriority(Integer priority) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withEnableServiceLinks(Boolean enableServiceLinks) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withOverhead(Map<String, Quantity> overhead) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }

    public PodSpec withDnsConfig(PodDNSConfig dnsConfig) {
        return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID, hostIPC, imagePullSecrets, hostname, subdomain, affinity, schedulerName, tolerations, priorityClassName, priority, enableServiceLinks, topologySpreadConstraints, overhead, dnsConfig);
    }
}
