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
 * Restart delays come from {@link io.tugboat.kubelet.pod.CrashBackoff}.
 *
 * <p>Pod start latency is mostly Docker's: a pod is two container starts. The worker keeps its own share small — a
 * pod's first start creates the containers while the sandbox starts (the planner is asked what the next pass would
 * start, as if the sandbox ran), the status is written in the sync that started the containers, and a sync with
 * nothing to do lists once. {@code SyncTimer} logs where each sync's time went at DEBUG. See {@code docs/kubelet.md}.
 */
package io.tugboat.kubelet.pod;
