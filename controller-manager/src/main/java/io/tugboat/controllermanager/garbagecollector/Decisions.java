package io.tugboat.controllermanager.garbagecollector;

import io.tugboat.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The garbage collector's decisions as pure functions: what to do with an object, given what became of each
 * of its owners. Kubernetes' {@code attemptToDeleteItem} ({@code pkg/controller/garbagecollector}), without
 * the I/O.
 *
 * <pre>
 *   owners' states                       decision
 *   ──────────────────────────────────   ────────────────────────────────────────────────────────────
 *   no owners                            keep
 *   all solid                            keep
 *   some solid, others dangling/waiting  keep, but drop the dangling references and unblock the
 *                                        waiting ones (blockOwnerDeletion=false): they must not hold
 *                                        up an owner's deletion or point at nothing
 *   none solid (all dangling/waiting)    delete: Foreground if a waiting owner reaches it and it has
 *                                        dependents of its own (the chain keeps blocking), else the
 *                                        policy its own finalizers ask for, else Background
 *   the object is itself being deleted   keep: the owner side of the collector finishes it
 * </pre>
 */
public final class Decisions {
    private Decisions() {
    }

    /** What became of one owner. */
    public enum OwnerState {
        /** It exists under the referenced uid and is not being deleted in the foreground. */
        SOLID,
        /** No object of that kind and name exists, or one exists under a different uid. */
        DANGLING,
        /** It exists, and is being deleted in the foreground: it waits for its dependents to go. */
        WAITING
    }

    /** An owner reference and what became of the owner. */
    public record Verdict(OwnerReference reference, OwnerState state) {
    }

    /** What to do with the object. */
    public sealed interface Action {
    }

    /** Leave it alone. */
    public record Keep() implements Action {
    }

    /** Replace its ownerReferences by {@code owners}. */
    public record UpdateOwners(List<OwnerReference> owners) implements Action {
    }

    /** Delete it with this propagation policy. */
    public record Delete(String propagationPolicy) implements Action {
    }

    /**
     * @param item          the object, as the API server has it now
     * @param verdicts      one per owner reference of the object
     * @param hasDependents whether other objects name this one as their owner
     */
    public static Action decide(GraphNode item, List<Verdict> verdicts, boolean hasDependents) {
        if (item.deleting() || verdicts.isEmpty()) {
            return new Keep();
        }
        boolean anySolid = verdicts.stream().anyMatch(v -> v.state() == OwnerState.SOLID);
        boolean anyWaiting = verdicts.stream().anyMatch(v -> v.state() == OwnerState.WAITING);
        if (!anySolid) {
            if (anyWaiting && hasDependents) {
                return new Delete("Foreground");
            }
            if (item.finalizers().contains(GraphNode.ORPHAN)) {
                return new Delete("Orphan");
            }
            if (item.finalizers().contains(GraphNode.FOREGROUND)) {
                return new Delete("Foreground");
            }
            return new Delete("Background");
        }
        List<OwnerReference> kept = new ArrayList<>();
        boolean changed = false;
        for (Verdict verdict : verdicts) {
            OwnerReference ref = verdict.reference();
            switch (verdict.state()) {
                case SOLID -> kept.add(ref);
                case DANGLING -> changed = true;
                case WAITING -> {
                    if (Boolean.TRUE.equals(ref.blockOwnerDeletion())) {
                        kept.add(new OwnerReference(ref.apiVersion(), ref.kind(), ref.name(), ref.uid(), ref.controller(), false));
                        changed = true;
                    } else {
                        kept.add(ref);
                    }
                }
            }
        }
        return changed ? new UpdateOwners(kept) : new Keep();
    }

    /** The references of {@code owners} that do not point at {@code ownerUid}: what orphaning leaves. */
    public static List<OwnerReference> without(List<OwnerReference> owners, String ownerUid) {
        return owners.stream().filter(ref -> !ownerUid.equals(ref.uid())).toList();
    }

    /**
     * The dependents that still hold up an owner deleted in the foreground: those whose reference to it has
     * {@code blockOwnerDeletion=true}. When none remain, the owner's {@code foregroundDeletion} finalizer goes.
     */
    public static List<GraphNode> blocking(List<GraphNode> dependents, String ownerUid) {
        return dependents.stream()
                .filter(d -> d.owners().stream().anyMatch(ref -> ownerUid.equals(ref.uid())
                        && Boolean.TRUE.equals(ref.blockOwnerDeletion())))
                .toList();
    }
}
