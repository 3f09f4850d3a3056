package io.tugboat.scheduler.cache;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's picture of the cluster: every node with the pods on it, including pods the scheduler has
 * decided on but whose binding is not yet visible ("assumed"). Fed by the node and pod informers; read through
 * {@link #snapshot()} once per scheduling cycle. As kube-scheduler's {@code internal/cache}.
 *
 * <h2>The life of a pod in the cache</h2>
 * <pre>
 *                 assume()                     addPod() (informer shows it bound)
 *   (not here) ─────────────► Assumed ──────────────────────────────────────────────► Added
 *       ▲                       │  │ finishBinding(): binding sent, expiry clock starts     │
 *       │   forget() (binding   │  │                                                       │ removePod()
 *       │   failed)             │  └─ cleanupExpired(): no confirmation within the TTL ─┐  │
 *       └───────────────────────┘                                                       ▼  ▼
 *                                                                                   (not here)
 * </pre>
 * Assuming is what lets the scheduler decide the next pod before the API server has answered the binding of this
 * one: the node's aggregates already count the pod, so two pods never squeeze into the last free CPU of a node.
 * An assumed pod whose binding succeeded but never shows up in the informer (the pod was deleted in between, or a
 * watch event was lost) is dropped after the TTL, so its resources are not held forever. (Kubernetes set that TTL
 * to 0, "never", in v1.23 and relies on the pod delete event; Tugboat keeps a TTL, 15 minutes by default.)
 *
 * <p>Thread-safe: informer threads, the scheduling thread and binding threads all call in; every method holds the
 * lock only for map updates.
 */
public final class SchedulerCache {
    private record PodState(PodInfo pod, boolean assumed, Instant deadline) {
    }

    private final Clock clock;
    private final Duration assumedPodTtl;
    /** Every NodeInfo by node name, including placeholders for pods on nodes whose Node object is unknown. */
    private final Map<String, NodeInfo> nodeInfos = new HashMap<>();
    /** Pods in the cache, by uid. */
    private final Map<String, PodState> pods = new HashMap<>();
    /** Nodes with a Node object, in arrival order; a snapshot is a copy of {@code ordered}. */
    private final List<String> nodeNames = new ArrayList<>();
    private Map<String, Integer> index = Map.of();
    private NodeInfo[] ordered = new NodeInfo[0];
    /** Pods in the cache with any affinity term / with a required anti-affinity term. */
    private int podsWithAffinity;
    private int podsWithRequiredAntiAffinity;

    public SchedulerCache(Clock clock, Duration assumedPodTtl) {
        this.clock = clock;
        this.assumedPodTtl = assumedPodTtl;
    }

    // ------------------------------------------------------------------ nodes

    public synchronized void addNode(Node node) {
        String name = node.metadata().name();
        NodeInfo current = nodeInfos.get(name);
        NodeInfo next = current == null ? NodeInfo.of(node) : current.withNode(node);
        nodeInfos.put(name, next);
        if (!index.containsKey(name)) {
            nodeNames.add(name);
            reindex();
        }
        ordered[index.get(name)] = next;
    }

    public void updateNode(Node node) {
        addNode(node);
    }

    /** Forgets the Node; its pods stay counted (on a placeholder) until their own delete events arrive. */
    public synchronized void removeNode(String name) {
        NodeInfo current = nodeInfos.get(name);
        if (current == null) {
            return;
        }
        if (current.pods().isEmpty()) {
            nodeInfos.remove(name);
        } else {
            nodeInfos.put(name, current.withNode(null));
        }
        if (nodeNames.remove(name)) {
            reindex();
        }
    }

    // ------------------------------------------------------------------ pods seen by the informer

    /** A bound pod appeared (or its binding became visible): confirms an assumed pod, or adds it. */
    public synchronized void addPod(Pod pod) {
        PodInfo info = PodInfo.of(pod);
        PodState current = pods.get(info.uid());
        if (current != null) {
            removeFromNode(current.pod());
        }
        addToNode(info);
        pods.put(info.uid(), new PodState(info, false, null));
    }

    public void updatePod(Pod pod) {
        addPod(pod);
    }

    public synchronized void removePod(String uid) {
        PodState current = pods.remove(uid);
        if (current != null) {
            removeFromNode(current.pod());
        }
    }

    // ------------------------------------------------------------------ the scheduler's own decisions

    /**
     * Counts {@code pod} (whose {@code spec.nodeName} is the chosen node) on its node before the binding is sent.
     *
     * @throws IllegalStateException if the pod is already in the cache (a bug: the scheduler skips such pods)
     */
    public synchronized void assume(PodInfo pod) {
        if (pods.containsKey(pod.uid())) {
            throw new IllegalStateException("pod " + pod.key() + " (" + pod.uid() + ") is already in the cache");
        }
        addToNode(pod);
        pods.put(pod.uid(), new PodState(pod, true, null));
    }

    /** The binding was sent successfully: start the clock after which an unconfirmed assumption is dropped. */
    public synchronized void finishBinding(String uid) {
        PodState s = pods.get(uid);
        if (s != null && s.assumed()) {
            pods.put(uid, new PodState(s.pod(), true, clock.instant().plus(assumedPodTtl)));
        }
    }

    /** The binding failed: drop the assumption (a no-op if the informer confirmed the pod meanwhile). */
    public synchronized void forget(String uid) {
        PodState s = pods.get(uid);
        if (s != null && s.assumed()) {
            pods.remove(uid);
            removeFromNode(s.pod());
        }
    }

    public synchronized boolean isAssumed(String uid) {
        PodState s = pods.get(uid);
        return s != null && s.assumed();
    }

    /** Whether the pod (assumed or confirmed) is in the cache. */
    public synchronized boolean contains(String uid) {
        return pods.containsKey(uid);
    }

    /** Drops assumed pods whose binding finished more than the TTL ago without being confirmed; returns them. */
    public synchronized List<PodInfo> cleanupExpired() {
        Instant now = clock.instant();
        List<PodInfo> expired = new ArrayList<>();
        for (PodState s : List.copyOf(pods.values())) {
            if (s.assumed() && s.deadline() != null && !now.isBefore(s.deadline())) {
                expired.add(s.pod());
                pods.remove(s.pod().uid());
                removeFromNode(s.pod());
            }
        }
        return expired;
    }

    // ------------------------------------------------------------------ reading

    /** The current state, frozen for one scheduling cycle: O(nodes) reference copies. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(Arrays.asList(ordered.clone()), index, podsWithAffinity > 0, podsWithRequiredAntiAffinity > 0);
    }

    /** The NodeInfo of {@code name}, or {@code null} (for tests and diagnostics). */
    public synchronized NodeInfo nodeInfo(String name) {
        return nodeInfos.get(name);
    }

    public synchronized int podCount() {
        return pods.size();
    }

    // ------------------------------------------------------------------ internals (lock held)

    private void addToNode(PodInfo pod) {
        countAffinity(pod, 1);
        String name = pod.nodeName();
        NodeInfo current = nodeInfos.get(name);
        put(name, (current == null ? NodeInfo.placeholder(name) : current).withPod(pod));
    }

    private void removeFromNode(PodInfo pod) {
        countAffinity(pod, -1);
        String name = pod.nodeName();
        NodeInfo current = nodeInfos.get(name);
        if (current == null) {
            return;
        }
        NodeInfo next = current.withoutPod(pod.uid());
        if (next.node() == null && next.pods().isEmpty()) {
            nodeInfos.remove(name);
        } else {
            put(name, next);
        }
    }

    private void countAffinity(PodInfo pod, int delta) {
        if (pod.hasAffinity()) {
            podsWithAffinity += delta;
        }
        if (!pod.requiredAntiAffinity().isEmpty()) {
            podsWithRequiredAntiAffinity += delta;
        }
    }

    private void put(String name, NodeInfo info) {
        nodeInfos.put(name, info);
        Integer i = index.get(name);
        if (i != null) {
            ordered[i] = info;
        }
    }

    private void reindex() {
        Map<String, Integer> next = new HashMap<>();
        NodeInfo[] infos = new NodeInfo[nodeNames.size()];
        for (int i = 0; i < nodeNames.size(); i++) {
            next.put(nodeNames.get(i), i);
            infos[i] = nodeInfos.get(nodeNames.get(i));
        }
        index = Map.copyOf(next);
        ordered = infos;
    }
}
