/**
 * The Deployment controller: rollouts as a sequence of ReplicaSet resizes (Kubernetes'
 * {@code pkg/controller/deployment}).
 *
 * <p>Reading order:
 * <ol>
 *   <li>{@link io.tugboat.controllermanager.deployment.DeploymentController} — what one reconcile decides;</li>
 *   <li>{@link io.tugboat.controllermanager.deployment.DeploymentSync} — the strategies: one step of a rolling
 *       update or a recreate, scaling, history cleanup, the new ReplicaSet;</li>
 *   <li>{@link io.tugboat.controllermanager.deployment.RolloutMath} — maxSurge / maxUnavailable arithmetic;
 *       {@link io.tugboat.controllermanager.deployment.ProportionalScaling} — resizing in the middle of a rollout;</li>
 *   <li>{@link io.tugboat.controllermanager.deployment.DeploymentStatuses} and
 *       {@link io.tugboat.controllermanager.deployment.DeploymentConditions} — status and the conditions
 *       {@code kubectl rollout status} reads;</li>
 *   <li>{@link io.tugboat.controllermanager.deployment.TemplateHash} and
 *       {@link io.tugboat.controllermanager.deployment.Revisions} — names, labels and annotations of ReplicaSets.</li>
 * </ol>
 * The pure parts (math, statuses, scaling, hashing) take values and return values and have table tests; the
 * writes are all in {@code DeploymentSync}. See docs/controller-manager.md.
 */
package io.tugboat.controllermanager.deployment;
