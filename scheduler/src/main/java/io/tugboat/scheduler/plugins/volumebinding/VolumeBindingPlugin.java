package io.tugboat.scheduler.plugins.volumebinding;

import io.tugboat.api.core.Affinity;
import io.tugboat.api.core.NodeAffinity;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.Volume;
import io.tugboat.scheduler.framework.CycleState;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeAffinityMatcher;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Status;
import java.util.List;
import java.util.Optional;

/**
 * A pod whose claim is bound to a volume with node affinity (a {@code local} volume, or a hostPath volume the
 * {@code tugboat.io/host-path} provisioner made on one node) can only run where that volume is (Kubernetes'
 * {@code VolumeBinding} filter, the bound-claim half):
 *
 * <pre>
 *   no claims                                  ─▶ fits
 *   a claim that does not exist (yet)          ─▶ fits (the kubelet waits for it)
 *   a bound claim whose volume's required
 *     node affinity does not match this node   ─▶ unschedulable, "node(s) had volume node affinity conflict"
 *   an unbound claim                           ─▶ fits (the binder or provisioner binds it; the kubelet waits)
 * </pre>
 *
 * Unlike Kubernetes, the filter does not choose volumes for unbound WaitForFirstConsumer claims (the provisioner
 * follows the node the pod was placed on), and a missing claim does not make a pod unschedulable: Tugboat's
 * scheduling queue is not woken by claim events, so a pod whose claim the cache has not shown yet would wait for
 * the periodic retry instead of starting.
 */
public final class VolumeBindingPlugin implements FilterPlugin {
    public static final String NAME = "VolumeBinding";
    public static final String CONFLICT = "node(s) had volume node affinity conflict";

    private final Handle.VolumeLister volumes;

    private VolumeBindingPlugin(Handle.VolumeLister volumes) {
        this.volumes = volumes;
    }

    public static VolumeBindingPlugin create(Handle handle) {
        return new VolumeBindingPlugin(handle.volumes());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo podInfo, NodeInfo node) {
        Pod pod = podInfo.pod();
        List<Volume> podVolumes = pod.spec() == null || pod.spec().volumes() == null ? List.of() : pod.spec().volumes();
        for (Volume v : podVolumes) {
            if (v.persistentVolumeClaim() == null) {
                continue;
            }
            String claimName = v.persistentVolumeClaim().claimName();
            Optional<PersistentVolumeClaim> claim = volumes.claim(pod.metadata().namespace(), claimName);
            String volumeName = claim.isEmpty() || claim.get().spec() == null ? null : claim.get().spec().volumeName();
            if (volumeName == null || volumeName.isEmpty()) {
                continue;
            }
            Optional<PersistentVolume> pv = volumes.volume(volumeName);
            if (pv.isPresent() && !fits(pv.get(), node)) {
                return Status.unresolvable(CONFLICT);
            }
        }
        return Status.SUCCESS;
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
