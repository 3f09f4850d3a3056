/**
 * Persistent volumes: the binder that matches PersistentVolumeClaims to PersistentVolumes (Kubernetes'
 * {@code pkg/controller/volume/persistentvolume}, static binding). Start with
 * {@link io.tugboat.controllermanager.volume.PersistentVolumeController} (the phase diagram) and
 * {@link io.tugboat.api.storage.VolumeMatcher} (which volume a claim gets: the smallest that fits).
 * Once a claim is Bound, the kubelet mounts its volume's {@code hostPath} or {@code local} path into the pod
 * ({@code io.tugboat.kubelet.pod.VolumeManager}). Claims of a StorageClass with provisioner
 * {@code tugboat.io/host-path} get a hostPath volume made for them
 * ({@link io.tugboat.controllermanager.volume.HostPathProvisioner}): at once, or for WaitForFirstConsumer classes on the
 * node the scheduler selected; when such a volume's claim goes and its reclaim policy is Delete, a short-lived cleanup
 * pod on that node removes the directory before the volume object is deleted. See docs/storage.md.
 */
package io.tugboat.controllermanager.volume;
