package io.tugboat.scheduler.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster as one scheduling cycle sees it: every node (with a Node object) and its pods, frozen. Taken from
 * the cache at the start of each cycle; the cache goes on changing (informer events, other pods assumed by later
 * cycles) but this view does not, so every plugin of a cycle judges the same cluster. Cheap to take, since
 * {@link NodeInfo}s are immutable: a snapshot is a list of references.
 */
public final class Snapshot {
    private final List<NodeInfo> nodes;
    private final Map<String, Integer> index;
    private final boolean anyAffinity;
    private final boolean anyRequiredAntiAffinity;
    private List<NodeInfo> havePodsWithAffinity;
    private List<NodeInfo> havePodsWithRequiredAntiAffinity;

    /**
     * @param nodes the nodes, in the cache's order (which is stable, so round-robin starting points make sense)
     * @param index node name → position in {@code nodes}; shared between snapshots while the node set is unchanged
     */
    public Snapshot(List<NodeInfo> nodes, Map<String, Integer> index) {
        this(nodes, index, true, true);
    }

    /**
     * @param anyAffinity             false when the cache knows no pod with affinity terms: the lists below are
     *                                then empty without scanning every node
     * @param anyRequiredAntiAffinity the same for pods with required anti-affinity terms
     */
    public Snapshot(List<NodeInfo> nodes, Map<String, Integer> index, boolean anyAffinity, boolean anyRequiredAntiAffinity) {
        this.nodes = nodes;
        this.index = index;
        this.anyAffinity = anyAffinity;
        this.anyRequiredAntiAffinity = anyRequiredAntiAffinity;
    }

    /** A snapshot of these nodes (a test fixture, mostly). */
    public static Snapshot of(NodeInfo... nodes) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            index.put(nodes[i].name(), i);
        }
        return new Snapshot(List.of(nodes), index);
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    /** The node called {@code name}, or {@code null}. */
    public NodeInfo get(String name) {
        Integer i = index.get(name);
        return i == null ? null : nodes.get(i);
    }

    /** Nodes where at least one pod has a pod affinity or anti-affinity term (computed on first use). */
    public List<NodeInfo> havePodsWithAffinity() {
        if (havePodsWithAffinity == null) {
            havePodsWithAffinity = anyAffinity ? select(false) : List.of();
        }
        return havePodsWithAffinity;
    }

    /** Nodes where at least one pod has a required anti-affinity term (computed on first use). */
    public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
        if (havePodsWithRequiredAntiAffinity == null) {
            havePodsWithRequiredAntiAffinity = anyRequiredAntiAffinity ? select(true) : List.of();
        }
        return havePodsWithRequiredAntiAffinity;
    }

    private List<NodeInfo> select(boolean requiredAntiOnly) {
        List<NodeInfo> out = new ArrayList<>();
        for (NodeInfo n : nodes) {
            if (!(requiredAntiOnly ? n.podsWithRequiredAntiAffinity() : n.podsWithAffinity()).isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }
}
