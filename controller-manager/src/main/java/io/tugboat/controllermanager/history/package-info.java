/**
 * ControllerRevisions: the history of a DaemonSet's or StatefulSet's pod template (Kubernetes'
 * {@code pkg/controller/history}).
 *
 * <p>A Deployment keeps its history in ReplicaSets, one per template. A DaemonSet or StatefulSet owns its pods
 * directly, so it records each template it has run as an immutable {@code apps/v1 ControllerRevision}:
 *
 * <pre>
 *   ControllerRevision web-7d9c5b6f4
 *     labels:   app=web, controller-revision-hash=7d9c5b6f4     (template labels, so the set's selector finds it)
 *     ownerReferences: [DaemonSet web, controller: true]
 *     revision: 3                                               (1, 2, 3... in the order templates were run)
 *     data:     {"spec":{"template":{ ...the template..., "$patch":"replace"}}}
 * </pre>
 *
 * The {@code data} is a strategic merge patch that puts the template back: {@code kubectl rollout history}
 * applies it to the set to print a revision, {@code kubectl rollout undo} sends it as a patch. Pods carry the
 * revision's hash in their {@code controller-revision-hash} label, which is how a controller tells an updated pod
 * from an old one. Going back to an earlier template does not create a new revision: the matching one is
 * re-numbered to be the newest, as Kubernetes does. {@link io.tugboat.controllermanager.history.ControllerHistory}
 * holds the pure parts (hash, name, equality, which revisions to prune);
 * {@link io.tugboat.controllermanager.history.RevisionHistory} does the writes. See docs/workloads.md.
 */
package io.tugboat.controllermanager.history;
