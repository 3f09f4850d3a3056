package io.tugboat.scheduler.framework;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: the Node object plus the pods on it (bound or assumed) and the aggregates
 * every filter needs — requested CPU and memory, host ports in use, which pods carry affinity terms — kept up to
 * date as pods come and go, so that no plugin ever walks all the pods of the cluster to fit one pod.
 *
 * <p>Immutable: {@link #withPod}, {@link #withoutPod} and {@link #withNode} return a new NodeInfo (copying the pod
 * list of this one node). That is what makes a {@link Snapshot} cheap: it only copies references, and a cycle
 * never sees a node change under it. {@code node()} is {@code null} while the cache knows pods on a node whose
 * Node object has not arrived (or is gone).
 */
public final class NodeInfo {
    private final Node node;
    private final String name;
    private final List<PodInfo> pods;
    private final List<PodInfo> podsWithAffinity;
    private final List<PodInfo> podsWithRequiredAntiAffinity;
    private final Resources requested;
    private final Resources nonZeroRequested;
    private final Resources allocatable;
    private final long allowedPodNumber;
    private final List<HostPort> usedPorts;
    /** Live (not terminating) pods per controller uid: default spreading counts replicas in O(1) per node. */
    private final Map<String, Integer> podsPerController;
    private final String readyStatus;

    private NodeInfo(Node node, String name, List<PodInfo> pods) {
        this.node = node;
        this.name = name;
        this.pods = List.copyOf(pods);
        List<PodInfo> withAffinity = new ArrayList<>();
        List<PodInfo> withAntiAffinity = new ArrayList<>();
        Resources req = Resources.ZERO;
        Resources nonZero = Resources.ZERO;
        List<HostPort> ports = new ArrayList<>();
        Map<String, Integer> perController = new HashMap<>();
        for (PodInfo p : pods) {
            if (p.controllerUid() != null && p.pod().metadata().deletionTimestamp() == null) {
                perController.merge(p.controllerUid(), 1, Integer::sum);
            }
            req = req.plus(p.requests());
            nonZero = nonZero.plus(p.nonZeroRequests());
            ports.addAll(p.hostPorts());
            if (p.hasAffinity()) {
                withAffinity.add(p);
            }
            if (!p.requiredAntiAffinity().isEmpty()) {
                withAntiAffinity.add(p);
            }
        }
        this.podsWithAffinity = List.copyOf(withAffinity);
        this.podsWithRequiredAntiAffinity = List.copyOf(withAntiAffinity);
        this.requested = req;
        this.nonZeroRequested = nonZero;
        this.usedPorts = List.copyOf(ports);
        this.podsPerController = perController;
        this.readyStatus = readyStatusOf(node);
        Map<String, Quantity> alloc = allocatableOf(node);
        this.allocatable = Resources.of(alloc);
        Quantity maxPods = alloc == null ? null : alloc.get("pods");
        this.allowedPodNumber = maxPods == null ? 0 : maxPods.longValue();
    }

    /** A node with no pods yet. */
    public static NodeInfo of(Node node) {
        return new NodeInfo(node, node.metadata().name(), List.of());
    }

    /** A node with these pods (a test fixture, mostly). */
    public static NodeInfo of(Node node, PodInfo... pods) {
        return new NodeInfo(node, node.metadata().name(), List.of(pods));
    }

    /** Pods known on a node whose Node object the cache has not seen. */
    public static NodeInfo placeholder(String name) {
        return new NodeInfo(null, name, List.of());
    }

    public NodeInfo withNode(Node newNode) {
        return new NodeInfo(newNode, name, pods);
    }

    /** This node with {@code pod} added (or replacing the pod of the same uid). */
    public NodeInfo withPod(PodInfo pod) {
        List<PodInfo> next = new ArrayList<>(pods.size() + 1);
        for (PodInfo p : pods) {
            if (!p.uid().equals(pod.uid())) {
                next.add(p);
            }
        }
        next.add(pod);
        return new NodeInfo(node, name, next);
    }

    /** This node without the pod of uid {@code uid} (the same NodeInfo if it was not there). */
    public NodeInfo withoutPod(String uid) {
        List<PodInfo> next = new ArrayList<>(pods.size());
        for (PodInfo p : pods) {
            if (!p.uid().equals(uid)) {
                next.add(p);
            }
        }
        return next.size() == pods.size() ? this : new NodeInfo(node, name, next);
    }

    public Node node() {
        return node;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        Map<String, String> labels = node == null ? null : node.metadata().labels();
        return labels == null ? Map.of() : labels;
    }

    public List<PodInfo> pods() {
        return pods;
    }

    public List<PodInfo> podsWithAffinity() {
        return podsWithAffinity;
    }

    public List<PodInfo> podsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity;
    }

    /** The sum of what the pods on this node request (for fitting). */
    public Resources requested() {
        return requested;
    }

    /** The same with defaults for missing requests (for scoring); see {@link Resources#nonZeroRequestsOf}. */
    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }

    /** The node's {@code status.allocatable} CPU and memory ({@code capacity} when allocatable is not reported). */
    public Resources allocatable() {
        return allocatable;
    }

    /** {@code status.allocatable.pods}: how many pods the node takes. */
    public long allowedPodNumber() {
        return allowedPodNumber;
    }

    public List<HostPort> usedPorts() {
        return usedPorts;
    }

    /** The status of the node's Ready condition ({@code True}, {@code False}, {@code Unknown}), or {@code null}. */
    public String readyStatus() {
        return readyStatus;
    }

    /** How many live pods on this node the controller of uid {@code controllerUid} owns. */
    public int podsOfController(String controllerUid) {
        return podsPerController.getOrDefault(controllerUid, 0);
    }

    @Override
    public String toString() {
        return name + "(" + pods.size() + " pods, requested " + requested + " of " + allocatable + ")";
    }

    private static String readyStatusOf(Node node) {
        if (node == null || node.status() == null || node.status().conditions() == null) {
            return null;
        }
        for (NodeCondition c : node.status().conditions()) {
            if ("Ready".equals(c.type())) {
                return c.status();
            }
        }
        return null;
    }

    private static Map<String, Quantity> allocatableOf(Node node) {
        NodeStatus status = node == null ? null : node.status();
        if (status == null) {
            return null;
        }
        return status.allocatable() != null && !status.allocatable().isEmpty() ? status.allocatable() : status.capacity();
    }
}
