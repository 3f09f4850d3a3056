package io.tugboat.scheduler.plugins.volumebinding;

import io.tugboat.api.core.Affinity;
import io.tugboat.api.core.NodeAffinity;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.Volume;
import io.tugboat.api.storage.StorageClass;
import io.tugboat.api.storage.VolumeMatcher;
import io.tugboat.client.ApiException;
import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeAffinityMatcher;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.PreBindPlugin;
import io.tugboat.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' {@code VolumeBinding} plugin: a pod goes where its volumes are, or can be made.
 *
 * <p><b>Filter</b>, per claim of the pod:
 * <pre>
 *   a claim that does not exist (yet)          ─▶ fits (the kubelet waits for it)
 *   a bound claim whose volume's required
 *     node affinity does not match this node   ─▶ unschedulable, "node(s) had volume node affinity conflict"
 *   an unbound claim of an Immediate class      ─▶ fits (the binder or provisioner binds it; the kubelet waits)
 *   an unbound WaitForFirstConsumer claim:
 *     selected for another node already         ─▶ unschedulable, "node(s) didn't match the claim's selected node"
 *     a fitting Available volume reaches here   ─▶ fits
 *     its class has a provisioner               ─▶ fits (a volume can be made here)
 *     otherwise                                 ─▶ unschedulable, "node(s) didn't find available persistent volumes to bind"
 * </pre>
 *
 * <p><b>PreBind</b>, once the node is chosen, makes the choice for each unbound WaitForFirstConsumer claim durable,
 * as Kubernetes does: the smallest fitting volume the node reaches gets {@code spec.claimRef} set to the claim
 * (the binder then finishes the binding), or, if there is none, the claim is annotated
 * {@code volume.kubernetes.io/selected-node: <node>} (the provisioner then makes the volume there). Unlike
 * Kubernetes, the pod is bound without waiting for the claim to be Bound: the kubelet waits for that anyway.
 *
 * <p>A missing claim does not make a pod unschedulable in Filter (Tugboat's scheduling queue is not woken by claim
 * events, so the pod would wait for the periodic retry), but PreBind does not bind a pod whose claim it cannot see:
 * it answers an error, and the pod is tried again after a backoff, as a claim the StatefulSet controller has just
 * created is usually in the cache by then.
 */
public final class VolumeBindingPlugin implements FilterPlugin, PreBindPlugin {
    public static final String NAME = "VolumeBinding";
    public static final String CONFLICT = "node(s) had volume node affinity conflict";
    public static final String NOT_SELECTED = "node(s) didn't match the claim's selected node";
    public static final String NO_VOLUMES = "node(s) didn't find available persistent volumes to bind";
    /** The provisioner of classes with static volumes only (Kubernetes' local volumes). */
    static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";

    private final Handle.VolumeLister volumes;
    private final Handle.VolumeWriter writer;

    private VolumeBindingPlugin(Handle.VolumeLister volumes, Handle.VolumeWriter writer) {
        this.volumes = volumes;
        this.writer = writer;
    }

    public static VolumeBindingPlugin create(Handle handle) {
        return new VolumeBindingPlugin(handle.volumes(), handle.volumeWriter());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo podInfo, NodeInfo node) {
        Pod pod = podInfo.pod();
        for (String claimName : claimNames(pod)) {
            Optional<PersistentVolumeClaim> found = volumes.claim(pod.metadata().namespace(), claimName);
            if (found.isEmpty() || found.get().spec() == null) {
                continue;
            }
            PersistentVolumeClaim claim = found.get();
            String volumeName = claim.spec().volumeName();
            if (volumeName != null && !volumeName.isEmpty()) {
                Optional<PersistentVolume> pv = volumes.volume(volumeName);
                if (pv.isPresent() && !fits(pv.get(), node)) {
                    return Status.unresolvable(CONFLICT);
                }
                continue;
            }
            StorageClass storageClass = classOf(claim);
            if (!VolumeMatcher.waitsForConsumer(storageClass)) {
                continue;
            }
            String selected = selectedNode(claim);
            if (selected != null && !selected.equals(node.name())) {
                return Status.unresolvable(NOT_SELECTED);
            }
            if (reachableVolume(claim, node).isEmpty() && !provisions(storageClass)) {
                return Status.unresolvable(NO_VOLUMES);
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preBind(Pod pod, String nodeName) {
        NodeInfo node = volumes.node(nodeName).map(NodeInfo::of).orElse(NodeInfo.placeholder(nodeName));
        for (String claimName : claimNames(pod)) {
            if (volumes.claim(pod.metadata().namespace(), claimName).isEmpty()) {
                // Not in the cache (yet): whether it waits for this pod cannot be told, and binding the pod now could
                // leave the claim unprovisioned for good. Kubernetes keeps such a pod unschedulable; here the pod is
                // tried again after a backoff, by when the claim has usually arrived.
                return Status.error("persistentvolumeclaim \"" + claimName + "\" not found");
            }
        }
        try {
            for (PersistentVolumeClaim claim : unboundWaitingClaims(pod)) {
                if (volumes.volumes().stream().anyMatch(pv -> VolumeMatcher.refersTo(pv.spec().claimRef(), claim))) {
                    continue; // pre-bound on an earlier attempt: the binder finishes it
                }
                Optional<PersistentVolume> volume = reachableVolume(claim, node);
                if (volume.isPresent()) {
                    writer.preBind(volume.get(), claim);
                } else if (!nodeName.equals(selectedNode(claim))) {
                    writer.selectNode(claim, nodeName);
                }
            }
        } catch (ApiException e) {
            // a conflict (the volume was taken meanwhile) or an unreachable API server: schedule the pod again
            return Status.error("binding volumes: " + e.getMessage());
        }
        return Status.SUCCESS;
    }

    /** The pod's unbound claims whose class waits for the first consumer, as the cache has them. */
    private List<PersistentVolumeClaim> unboundWaitingClaims(Pod pod) {
        List<PersistentVolumeClaim> result = new ArrayList<>();
        for (String claimName : claimNames(pod)) {
            volumes.claim(pod.metadata().namespace(), claimName)
                    .filter(c -> c.spec() != null && (c.spec().volumeName() == null || c.spec().volumeName().isEmpty()))
                    .filter(c -> VolumeMatcher.waitsForConsumer(classOf(c)))
                    .ifPresent(result::add);
        }
        return result;
    }

    /** The volume the claim would bind to on {@code node}: pre-bound to it, or the smallest Available fit. */
    private Optional<PersistentVolume> reachableVolume(PersistentVolumeClaim claim, NodeInfo node) {
        return VolumeMatcher.bestFit(claim, volumes.volumes(), pv -> fits(pv, node));
    }

    private StorageClass classOf(PersistentVolumeClaim claim) {
        String name = claim.spec().storageClassName();
        return name == null || name.isEmpty() ? null : volumes.storageClass(name).orElse(null);
    }

    /** Whether a volume of the class can be made on demand (Tugboat's only provisioner reaches every node). */
    private static boolean provisions(StorageClass storageClass) {
        return storageClass.provisioner() != null && !storageClass.provisioner().isEmpty()
                && !NO_PROVISIONER.equals(storageClass.provisioner());
    }

    private static String selectedNode(PersistentVolumeClaim claim) {
        Map<String, String> annotations = claim.metadata().annotations();
        return annotations == null ? null : annotations.get(VolumeMatcher.SELECTED_NODE);
    }

    private static List<String> claimNames(Pod pod) {
        List<Volume> podVolumes = pod.spec() == null || pod.spec().volumes() == null ? List.of() : pod.spec().volumes();
        return podVolumes.stream().filter(v -> v.persistentVolumeClaim() != null)
                .map(v -> v.persistentVolumeClaim().claimName()).toList();
    }

    /** The volume's required node affinity, judged as a pod's required node affinity would be. */
    static boolean fits(PersistentVolume pv, NodeInfo node) {
        if (pv.spec() == null || pv.spec().nodeAffinity() == null || pv.spec().nodeAffinity().required() == null) {
            return true;
        }
        PodSpec spec = new PodSpec(null, null, List.of(), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null,
                new Affinity(new NodeAffinity(pv.spec().nodeAffinity().required(), null), null, null),
                null, null, null, null, null);
        return NodeAffinityMatcher.of(Pod.of(null, spec, null)).matchesRequired(node.labels(), node.name());
    }
}
