package io.tugboat.controllermanager.garbagecollector;

import io.tugboat.api.meta.OwnerReference;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns whom, across every kind, keyed by uid: Kubernetes' {@code uidToNode} of the garbage collector's
 * GraphBuilder, fed by the informers of every kind.
 *
 * <pre>
 *   nodes:        uid ──▶ GraphNode (kind, namespace, name, owners, deleting?)
 *   dependents:   owner uid ──▶ { dependent uids }   (kept even for owners never observed: they may
 *                                                     be gone already, or not in our caches yet)
 *
 *   rs-1 (uid a) ◀── pod-x (owners: [a])        dependents(a) = {x, y}
 *                ◀── pod-y (owners: [a])
 * </pre>
 * An owner reference names a uid, so an owner deleted and recreated under the same name is a different
 * node: its predecessor's dependents still point at the old uid, which no longer exists.
 *
 * <p>Thread-safe: informer handlers of different kinds write concurrently, workers read.
 */
public final class OwnerGraph {
    private final Map<String, GraphNode> nodes = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();

    /** Records the current state of an object; returns what was known before (empty when new). */
    public synchronized Optional<GraphNode> observe(GraphNode node) {
        GraphNode previous = nodes.put(node.uid(), node);
        if (previous != null) {
            unlink(previous);
        }
        for (OwnerReference owner : node.owners()) {
            if (owner.uid() != null) {
                dependents.computeIfAbsent(owner.uid(), k -> new LinkedHashSet<>()).add(node.uid());
            }
        }
        return Optional.ofNullable(previous);
    }

    /** Forgets an object that was deleted; returns what was known of it. */
    public synchronized Optional<GraphNode> forget(String uid) {
        GraphNode previous = nodes.remove(uid);
        if (previous != null) {
            unlink(previous);
        }
        return Optional.ofNullable(previous);
    }

    private void unlink(GraphNode node) {
        for (OwnerReference owner : node.owners()) {
            Set<String> set = dependents.get(owner.uid());
            if (set != null) {
                set.remove(node.uid());
                if (set.isEmpty()) {
                    dependents.remove(owner.uid());
                }
            }
        }
    }

    /** The object with this uid, if observed. */
    public synchronized Optional<GraphNode> node(String uid) {
        return Optional.ofNullable(nodes.get(uid));
    }

    /** The observed objects that name {@code ownerUid} among their owners. */
    public synchronized List<GraphNode> dependentsOf(String ownerUid) {
        Set<String> uids = dependents.get(ownerUid);
        return uids == null ? List.of() : uids.stream().map(nodes::get).filter(n -> n != null).toList();
    }

    /** How many objects the graph holds. */
    public synchronized int size() {
        return nodes.size();
    }
}
