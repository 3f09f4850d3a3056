/**
 * Volumes and placement: a pod goes where its bound volumes are, and for a WaitForFirstConsumer claim the scheduler
 * chooses: a volume the chosen node reaches is pre-bound to the claim, or the node is written on the claim
 * ({@code volume.kubernetes.io/selected-node}) for the provisioner (Kubernetes' {@code VolumeBinding} plugin, Filter
 * and PreBind). See {@link io.tugboat.scheduler.plugins.volumebinding.VolumeBindingPlugin} and docs/storage.md.
 */
package io.tugboat.scheduler.plugins.volumebinding;
