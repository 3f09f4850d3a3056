/**
 * The ReplicaSet controller: keep {@code spec.replicas} pods matching a selector (Kubernetes'
 * {@code pkg/controller/replicaset}). Start with {@link io.tugboat.controllermanager.replicaset.ReplicaSetController},
 * which reads like the loop it is: claim pods, compare with the spec, create or delete the difference, report.
 *
 * <p>Three ideas make it safe to run against a cache that lags the API server:
 * <ul>
 *   <li><b>Expectations</b> ({@link io.tugboat.controllermanager.common.Expectations}): after creating 5 pods the
 *       controller waits to see them before counting again, so it never creates 10.</li>
 *   <li><b>Controller references</b>: a pod belongs to the ReplicaSet named in its ownerReference with
 *       {@code controller: true}, not to whichever selector happens to match; orphans are adopted, strays
 *       released ({@link io.tugboat.controllermanager.common.ControllerRefManager}).</li>
 *   <li><b>Ranking</b> ({@link io.tugboat.controllermanager.replicaset.PodDeletionRanking}): the pods deleted
 *       first are those whose loss hurts least — unscheduled, not ready, newest.</li>
 * </ul>
 * The Deployment controller ({@code io.tugboat.controllermanager.deployment}) drives ReplicaSets by changing their
 * {@code spec.replicas}; this controller does the rest. See docs/controller-manager.md.
 */
package io.tugboat.controllermanager.replicaset;
