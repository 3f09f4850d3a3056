/**
 * Garbage collection: objects whose owners are gone are deleted, and deletions with
 * {@code propagationPolicy} Foreground or Orphan are carried out.
 *
 * <p>Every object may name owners in {@code metadata.ownerReferences} (a Pod its ReplicaSet, a ReplicaSet its
 * Deployment). Deleting an owner does not delete its dependents by itself; the API server only records how
 * the caller wants them handled, and this controller does the rest:
 *
 * <pre>
 *   propagationPolicy   the API server                              the garbage collector
 *   Background          deletes the owner at once                    deletes each dependent whose owners are
 *   (the default)                                                    all gone (checked with a live GET)
 *   Foreground          sets deletionTimestamp and the               deletes the dependents; removes the
 *                       foregroundDeletion finalizer: the owner      finalizer once no dependent with
 *                       stays, visibly "deleting"                    blockOwnerDeletion=true is left
 *   Orphan              sets the orphan finalizer                    removes the owner from each dependent's
 *                                                                    ownerReferences, then the finalizer
 * </pre>
 *
 * <p>{@link io.tugboat.controllermanager.garbagecollector.OwnerGraph} holds who owns whom, fed by an informer
 * on every kind; {@link io.tugboat.controllermanager.garbagecollector.Decisions} decides, pure;
 * {@link io.tugboat.controllermanager.garbagecollector.GarbageCollector} reconciles one uid at a time. Mirrors
 * Kubernetes' {@code pkg/controller/garbagecollector}; see docs/controller-manager.md.
 */
package io.tugboat.controllermanager.garbagecollector;
