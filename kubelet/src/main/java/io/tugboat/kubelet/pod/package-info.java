/**
 * Pods as containers: decide, then do.
 *
 * <p>A pod on Tugboat is a sandbox container (owner of the network and IPC namespaces) plus one container per spec
 * container joined to it, all identified by {@link io.tugboat.kubelet.pod.ContainerLabels}. Syncing a pod is three
 * steps, of which only the middle one touches the world:
 * <ol>
 *   <li>{@link io.tugboat.kubelet.pod.PodPlanner#plan} — a pure function from (pod, observed containers, probe
 *       verdicts, backoff) to {@link io.tugboat.kubelet.pod.PodActions}; Kubernetes' {@code computePodActions};</li>
 *   <li>{@link io.tugboat.kubelet.pod.PodWorker} applies them: pulls images ({@link io.tugboat.kubelet.pod.ImagePuller}),
 *       prepares volumes ({@link io.tugboat.kubelet.pod.VolumeManager}), builds container configurations
 *       ({@link io.tugboat.kubelet.pod.ContainerFactory}), creates, starts, kills
 *       ({@link io.tugboat.kubelet.pod.PodKiller});</li>
 *   <li>{@link io.tugboat.kubelet.pod.PodStatusBuilder} — pure again — turns what is observed afterwards into the pod's
 *       status, which is written only if it changed.</li>
 * </ol>
 * Restart delays come from {@link io.tugboat.kubelet.pod.CrashBackoff}. See {@code docs/kubelet.md}.
 */
package io.tugboat.kubelet.pod;
