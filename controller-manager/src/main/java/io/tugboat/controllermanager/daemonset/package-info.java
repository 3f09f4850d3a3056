/**
 * The DaemonSet controller: one pod per eligible node (Kubernetes' {@code pkg/controller/daemon}). Start with
 * {@link io.tugboat.controllermanager.daemonset.DaemonSetController}, then the decisions it asks for:
 * <ul>
 *   <li>{@link io.tugboat.controllermanager.daemonset.DaemonPods} — is this node eligible (nodeSelector, required
 *       node affinity, taints against the template's tolerations plus the daemon tolerations), and what the pod
 *       for a node looks like (pinned to it by {@code matchFields metadata.name}, bound by the scheduler);</li>
 *   <li>{@link io.tugboat.controllermanager.daemonset.DaemonSetPlans} — what a node needs (create, delete extras
 *       and failed pods) and the next step of a rolling update within {@code maxUnavailable} and
 *       {@code maxSurge}.</li>
 * </ul>
 * Each template the DaemonSet has run is a ControllerRevision ({@code io.tugboat.controllermanager.history}); its
 * hash is the pods' {@code controller-revision-hash} label, which is how "updated" is judged, and what
 * {@code kubectl rollout history/undo ds/NAME} read. See docs/workloads.md, "DaemonSets".
 */
package io.tugboat.controllermanager.daemonset;
