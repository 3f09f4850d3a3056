/**
 * What the ReplicaSet and Deployment controllers share: the bookkeeping of a controller that creates and deletes
 * the objects it owns, after Kubernetes' {@code pkg/controller/controller_utils.go} and
 * {@code controller_ref_manager.go}.
 *
 * <ul>
 *   <li>{@link io.tugboat.controllermanager.common.Expectations} — "I have asked for 5 pods and seen 3 of them
 *       arrive": a controller whose own writes are still on their way to its informer does not act again on a
 *       cache that does not show them yet, so it never creates twice.</li>
 *   <li>{@link io.tugboat.controllermanager.common.ControllerRefs} and
 *       {@link io.tugboat.controllermanager.common.ControllerRefManager} — ownership: the one ownerReference with
 *       {@code controller: true}; adopting orphans that match a selector, releasing owned objects that stopped
 *       matching.</li>
 *   <li>{@link io.tugboat.controllermanager.common.Pods} — readiness and availability of a pod, as the
 *       controllers count them.</li>
 * </ul>
 *
 * See docs/controller-manager.md for the controllers that use them.
 */
package io.tugboat.controllermanager.common;
