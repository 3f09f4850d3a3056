package io.tugboat.kubelet.hollow;

import io.tugboat.api.Quantity;
import java.time.Duration;
import java.util.Objects;

/**
 * What a fleet of hollow nodes looks like and how hard it drives the API server.
 *
 * @param count         how many nodes, numbered 0 to count-1 (at most {@link #MAX_NODES}: each gets a /24 of
 *                      10.128.0.0/9 for its pods)
 * @param namePrefix    node {@code i} is called prefix + i, zero-padded to at least four digits
 * @param cpu           capacity and allocatable cpu of every node
 * @param memory        capacity and allocatable memory of every node
 * @param maxPods       capacity and allocatable pods, enforced at admission as a kubelet does (at most 254: the
 *                      pod range of a node is a /24)
 * @param spread        labels and taints that vary from node to node
 * @param leaseInterval how often each node renews its Lease; the Lease lasts four times that (the kubelet's 10 s
 *                      and 40 s)
 * @param workers       threads writing pod statuses and deleting pods for the whole fleet
 */
public record HollowNodesConfig(int count, String namePrefix, Quantity cpu, Quantity memory, int maxPods,
                                NodeSpread spread, Duration leaseInterval, int workers) {
    public static final int MAX_NODES = 32_768;
    public static final int MAX_PODS_PER_NODE = 254;

    public HollowNodesConfig {
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(leaseInterval, "leaseInterval");
        if (count < 1 || count > MAX_NODES) {
            throw new IllegalArgumentException("--count must be between 1 and " + MAX_NODES + ": " + count);
        }
        if (maxPods < 1 || maxPods > MAX_PODS_PER_NODE) {
            throw new IllegalArgumentException("--max-pods must be between 1 and " + MAX_PODS_PER_NODE + ": " + maxPods);
        }
        if (leaseInterval.toMillis() < 100) {
            throw new IllegalArgumentException("--lease-interval must be at least 100ms: " + leaseInterval);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
    }

    /** {@code count} nodes of 4 cpu, 16Gi and 110 pods (the kubelet's default), renewing every 10 s. */
    public static HollowNodesConfig defaults(int count) {
        return new HollowNodesConfig(count, "hollow-", Quantity.parse("4"), Quantity.parse("16Gi"), 110,
                NodeSpread.none(), Duration.ofSeconds(10), 16);
    }

    public HollowNodesConfig withNamePrefix(String prefix) {
        return new HollowNodesConfig(count, prefix, cpu, memory, maxPods, spread, leaseInterval, workers);
    }

    public HollowNodesConfig withResources(Quantity cpu, Quantity memory, int maxPods) {
        return new HollowNodesConfig(count, namePrefix, cpu, memory, maxPods, spread, leaseInterval, workers);
    }

    public HollowNodesConfig withSpread(NodeSpread spread) {
        return new HollowNodesConfig(count, namePrefix, cpu, memory, maxPods, spread, leaseInterval, workers);
    }

    public HollowNodesConfig withLeaseInterval(Duration interval) {
        return new HollowNodesConfig(count, namePrefix, cpu, memory, maxPods, spread, interval, workers);
    }

    public HollowNodesConfig withWorkers(int workers) {
        return new HollowNodesConfig(count, namePrefix, cpu, memory, maxPods, spread, leaseInterval, workers);
    }

    /** The Lease's {@code leaseDurationSeconds}: four renew intervals, at least one second. */
    public int leaseDurationSeconds() {
        return (int) Math.max(1, (leaseInterval.toMillis() * 4 + 999) / 1000);
    }
}
