package io.tugboat.controllermanager.garbagecollector;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import java.util.List;

/**
 * One object as the owner graph knows it: enough to find it again ({@code kind}, namespace, name), who it
 * belongs to, and whether it is on its way out.
 *
 * @param kind       its kind
 * @param namespace  its namespace, {@code null} when cluster-scoped
 * @param name       its name
 * @param uid        its uid: the graph's key, and the only thing an ownerReference really points at
 * @param owners     its ownerReferences
 * @param deleting   whether it carries a deletionTimestamp
 * @param finalizers its finalizers
 */
public record GraphNode(ResourceKind<?> kind, String namespace, String name, String uid, List<OwnerReference> owners,
                        boolean deleting, List<String> finalizers) {

    /** Deleting, and waiting for the garbage collector to delete its blocking dependents first. */
    public static final String FOREGROUND = "foregroundDeletion";
    /** Deleting, and waiting for the garbage collector to strip its dependents' references to it first. */
    public static final String ORPHAN = "orphan";

    public GraphNode {
        owners = owners == null ? List.of() : List.copyOf(owners);
        finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
    }

    /** The node for {@code object} of {@code kind}. */
    public static GraphNode of(ResourceKind<?> kind, KubernetesObject object) {
        ObjectMeta meta = object.metadata();
        return new GraphNode(kind, kind.namespaced() ? meta.namespace() : null, meta.name(), meta.uid(),
                meta.ownerReferences(), meta.deletionTimestamp() != null, meta.finalizers());
    }

    /** Being deleted in the foreground: its dependents must go first. */
    public boolean waitingForDependents() {
        return deleting && finalizers.contains(FOREGROUND);
    }

    /** Being deleted with {@code orphan}: its dependents must be released first. */
    public boolean orphaning() {
        return deleting && finalizers.contains(ORPHAN);
    }

    /** Something the garbage collector has to look at: it has owners, or a finalizer of the collector's. */
    public boolean needsAttention() {
        return !owners.isEmpty() || waitingForDependents() || orphaning();
    }

    /** {@code kind namespace/name}, for logs and events. */
    public String describe() {
        return kind.kind() + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
