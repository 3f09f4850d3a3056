package io.tugboat.kubelet.hollow;

import io.tugboat.api.core.Pod;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pretend container runtime of a whole hollow fleet: "running" a pod only books an address in its node's
 * range and the node's resources, and remembers when it started. Nothing is executed.
 *
 * <p>It also admits pods the way a kubelet does before running them ({@code pkg/kubelet/lifecycle/predicate.go}):
 * a pod that would take the node past its pod count, cpu or memory is rejected, which is how an over-committing
 * scheduler shows up on hollow nodes.
 *
 * <p>This is the one class to swap for the kubelet's {@code FakeRuntime} once that exists; its surface is the
 * three verbs {@link #run}, {@link #find} and {@link #kill}. Thread-safe: the fleet's workers share it.
 */
public final class HollowRuntime {

    /**
     * A pod the runtime runs.
     *
     * @param uid          the pod's uid; a pod recreated under the same name is another pod
     * @param node         the node's number
     * @param slot         the pod's address within the node's range (1 to 254)
     * @param startedAt    when it "started", to the second as the API keeps times
     * @param requests     what it books on the node
     */
    public record RunningPod(String uid, int node, int slot, Instant startedAt, PodRequests requests) {
        public String podIp() {
            return NodeTemplate.podIp(node, slot);
        }

        /** A stable fake container ID, in the {@code runtime://id} form of {@code containerStatuses[].containerID}. */
        public String containerId(String container) {
            return "fake://" + uid + "-" + container;
        }
    }

    /** The outcome of {@link #run}: the pod runs, or the node refused it. */
    public sealed interface Admission {
    }

    /** The pod runs (or already ran). */
    public record Admitted(RunningPod pod) implements Admission {
    }

    /**
     * The node refused the pod; {@code reason} and {@code message} go into the pod's Failed status as the
     * kubelet writes them ({@code OutOfcpu}, "Pod was rejected: Node didn't have enough resource: cpu, ...").
     */
    public record Rejected(String reason, String message) implements Admission {
    }

    /** What one node has booked. */
    private static final class NodeState {
        final boolean[] slotUsed = new boolean[HollowNodesConfig.MAX_PODS_PER_NODE + 1];
        int pods;
        long cpuMillis;
        long memoryBytes;
    }

    private final HollowNodesConfig config;
    private final Clock clock;
    /** Pod key ({@code namespace/name}) to the pod running under it. Guarded by {@code this}. */
    private final Map<String, RunningPod> running = new HashMap<>();
    /** Guarded by {@code this}. */
    private final Map<Integer, NodeState> nodes = new HashMap<>();

    public HollowRuntime(HollowNodesConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs {@code pod} (key {@code key}) on node number {@code node}, unless the node has no room left. Running a pod
     * that already runs returns it unchanged; a different pod (another uid) under the same key replaces it.
     */
    public synchronized Admission run(String key, Pod pod, int node) {
        String uid = pod.metadata().uid();
        RunningPod existing = running.get(key);
        if (existing != null && existing.uid().equals(uid) && existing.node() == node) {
            return new Admitted(existing);
        }
        if (existing != null) {
            kill(key);
        }
        NodeState state = nodes.computeIfAbsent(node, n -> new NodeState());
        PodRequests requests = PodRequests.of(pod);
        Optional<Rejected> rejected = admit(state, requests);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        int slot = 1;
        while (state.slotUsed[slot]) {
            slot++;
        }
        state.slotUsed[slot] = true;
        state.pods++;
        state.cpuMillis += requests.cpuMillis();
        state.memoryBytes += requests.memoryBytes();
        RunningPod started = new RunningPod(uid, node, slot, clock.instant().truncatedTo(ChronoUnit.SECONDS), requests);
        running.put(key, started);
        return new Admitted(started);
    }

    /** Checks pods, then cpu, then memory, in the kubelet's order and with its words. */
    private Optional<Rejected> admit(NodeState state, PodRequests requests) {
        if (state.pods + 1 > config.maxPods()) {
            return Optional.of(outOf("pods", 1, state.pods, config.maxPods()));
        }
        long cpu = config.cpu().milliValue();
        if (requests.cpuMillis() > 0 && state.cpuMillis + requests.cpuMillis() > cpu) {
            return Optional.of(outOf("cpu", requests.cpuMillis(), state.cpuMillis, cpu));
        }
        long memory = config.memory().longValue();
        if (requests.memoryBytes() > 0 && state.memoryBytes + requests.memoryBytes() > memory) {
            return Optional.of(outOf("memory", requests.memoryBytes(), state.memoryBytes, memory));
        }
        return Optional.empty();
    }

    private static Rejected outOf(String resource, long requested, long used, long capacity) {
        return new Rejected("OutOf" + resource, "Pod was rejected: Node didn't have enough resource: " + resource
                + ", requested: " + requested + ", used: " + used + ", capacity: " + capacity);
    }

    /** The pod running under {@code key}, if any. */
    public synchronized Optional<RunningPod> find(String key) {
        return Optional.ofNullable(running.get(key));
    }

    /** Stops the pod under {@code key}, releasing its address and resources; nothing if none runs. */
    public synchronized void kill(String key) {
        RunningPod pod = running.remove(key);
        if (pod == null) {
            return;
        }
        NodeState state = nodes.get(pod.node());
        state.slotUsed[pod.slot()] = false;
        state.pods--;
        state.cpuMillis -= pod.requests().cpuMillis();
        state.memoryBytes -= pod.requests().memoryBytes();
    }

    /** How many pods run on node number {@code node}. */
    public synchronized int podCount(int node) {
        NodeState state = nodes.get(node);
        return state == null ? 0 : state.pods;
    }

    /** The keys of every running pod, for tests and logs. */
    public synchronized List<String> keys() {
        return List.copyOf(running.keySet());
    }
}
