package io.tugboat.kubelet;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Taint;
import io.tugboat.kubelet.server.KubeletTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Kubelet} is told at start, with Kubernetes' defaults; {@code tug kubelet}'s flags fill it
 * and tests shorten the timings.
 *
 * @param nodeName             the Node's name (unique per kubelet, even when several share one Docker engine)
 * @param nodeIP               the node's InternalIP, where the API server reaches the kubelet's port
 * @param port                 the kubelet's HTTP port (0: any free port)
 * @param podInfraImage        the sandbox image
 * @param rootDir              where pod directories (emptyDir, projected ConfigMaps and Secrets) live
 * @param capacity             the Node's capacity and allocatable (cpu, memory, pods)
 * @param labels               extra Node labels
 * @param taints               taints to register the Node with
 * @param leaseRenewInterval   how often the Lease is renewed (10 s)
 * @param leaseDurationSeconds the Lease's duration (40 s)
 * @param nodeStatusInterval   how often the node status is checked (10 s)
 * @param nodeStatusReport     the longest time between two status writes (1 min)
 * @param relistPeriod         how often every pod is synced even without events (10 s)
 * @param backoffInitial       first restart delay (10 s)
 * @param backoffMax           longest restart delay (300 s)
 * @param backoffReset         a container that ran this long starts its backoff over (10 min)
 * @param workers              pods synced in parallel
 * @param tls                  HTTPS and who may call the kubelet's port; null: plain HTTP on loopback, no
 *                             authentication (in-process test kubelets; {@code tug kubelet --insecure-http})
 */
public record KubeletConfig(String nodeName, String nodeIP, int port, String podInfraImage, Path rootDir,
                            Map<String, Quantity> capacity, Map<String, String> labels, List<Taint> taints,
                            Duration leaseRenewInterval, int leaseDurationSeconds, Duration nodeStatusInterval,
                            Duration nodeStatusReport, Duration relistPeriod, Duration backoffInitial, Duration backoffMax,
                            Duration backoffReset, int workers, KubeletTls tls) {
    public KubeletConfig {
        capacity = Map.copyOf(capacity);
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
    }

    /** Kubernetes' defaults for a node named {@code nodeName}, with the host's CPUs and memory. */
    public static KubeletConfig defaults(String nodeName) {
        return new KubeletConfig(nodeName, "127.0.0.1", 10250, "tugboat/pause:1", Path.of("/var/lib/tugboat/kubelet"),
                hostCapacity(110), Map.of(), List.of(), Duration.ofSeconds(10), 40, Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(300),
                Duration.ofMinutes(10), 4, null);
    }

    /** cpu, memory and pods of this machine. */
    public static Map<String, Quantity> hostCapacity(int maxPods) {
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return Map.of("cpu", Quantity.ofDecimal(Runtime.getRuntime().availableProcessors()),
                "memory", Quantity.parse((memory / 1024) + "Ki"), "pods", Quantity.ofDecimal(maxPods));
    }

    public KubeletConfig withNetwork(String nodeIP, int port) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }

    public KubeletConfig withPodInfraImage(String podInfraImage) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }

    public KubeletConfig withRootDir(Path rootDir) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }

    public KubeletConfig withNode(Map<String, Quantity> capacity, Map<String, String> labels, List<Taint> taints) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }

    public KubeletConfig withIntervals(Duration leaseRenewInterval, Duration nodeStatusInterval, Duration nodeStatusReport, Duration relistPeriod) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }

    public KubeletConfig withBackoff(Duration backoffInitial, Duration backoffMax, Duration backoffReset) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }

    public KubeletConfig withWorkers(int workers) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }

    /** HTTPS with client certificates on the kubelet's port (null: plain HTTP on loopback). */
    public KubeletConfig withTls(KubeletTls tls) {
        return new KubeletConfig(nodeName, nodeIP, port, podInfraImage, rootDir, capacity, labels, taints, leaseRenewInterval, leaseDurationSeconds, nodeStatusInterval, nodeStatusReport, relistPeriod, backoffInitial, backoffMax, backoffReset, workers, tls);
    }
}
