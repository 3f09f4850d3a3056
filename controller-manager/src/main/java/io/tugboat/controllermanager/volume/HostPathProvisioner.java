package io.tugboat.controllermanager.volume;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.HostPathVolumeSource;
import io.tugboat.api.core.NodeSelector;
import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.NodeSelectorTerm;
import io.tugboat.api.core.VolumeNodeAffinity;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.storage.StorageClass;
import java.util.List;
import java.util.Map;

/**
 * The built-in dynamic provisioner: a claim of a StorageClass whose {@code provisioner} is
 * {@value #PROVISIONER} gets a new hostPath volume made for it, named {@code pvc-<claim uid>}, in
 * {@code <parameters.root or /var/lib/tugboat/volumes>/<volume name>} ({@code DirectoryOrCreate}: the kubelet makes
 * the directory when it first mounts it). The volume is pre-bound to the claim ({@code claimRef} with its uid), so
 * no other claim can take it, and takes the class's reclaim policy ({@code Delete} unless it says otherwise).
 *
 * <p>With {@code volumeBindingMode: WaitForFirstConsumer} the volume is made only once a pod using the claim has
 * been bound to a node, and gets a required node affinity to that node: the directory is on that node. (Kubernetes
 * has the scheduler pick the node and annotate the claim; Tugboat's scheduler does not take part yet, so the pod's
 * node is taken as it was chosen for other reasons.) With {@code Immediate} the volume is made at once, without
 * node affinity.
 */
public final class HostPathProvisioner {
    /** The {@code provisioner} of the StorageClasses this provisioner serves. */
    public static final String PROVISIONER = "tugboat.io/host-path";
    /** Where volumes go when the class has no {@code root} parameter. */
    public static final String DEFAULT_ROOT = "/var/lib/tugboat/volumes";

    private HostPathProvisioner() {
    }

    /** Whether this provisioner makes volumes for {@code storageClass}. */
    public static boolean serves(StorageClass storageClass) {
        return storageClass != null && PROVISIONER.equals(storageClass.provisioner());
    }

    /** Whether the class waits for a consumer's node before provisioning. */
    public static boolean waitsForConsumer(StorageClass storageClass) {
        return "WaitForFirstConsumer".equals(storageClass.volumeBindingMode());
    }

    /** The volume for {@code claim}, pre-bound to it, not yet created; on {@code node} if not {@code null}. */
    public static PersistentVolume volumeFor(PersistentVolumeClaim claim, StorageClass storageClass, String node) {
        String name = "pvc-" + claim.metadata().uid();
        Map<String, String> parameters = storageClass.parameters() == null ? Map.of() : storageClass.parameters();
        String root = parameters.getOrDefault("root", DEFAULT_ROOT);
        Quantity request = claim.spec().resources() == null || claim.spec().resources().requests() == null ? null
                : claim.spec().resources().requests().get("storage");
        ObjectReference ref = new ObjectReference("PersistentVolumeClaim", claim.metadata().namespace(),
                claim.metadata().name(), claim.metadata().uid(), "v1", null, null);
        String reclaim = storageClass.reclaimPolicy() == null ? "Delete" : storageClass.reclaimPolicy();
        PersistentVolumeSpec spec = new PersistentVolumeSpec(
                request == null ? Map.of() : Map.of("storage", request),
                new HostPathVolumeSource(root + "/" + name, "DirectoryOrCreate"), null,
                claim.spec().accessModes() == null ? List.of("ReadWriteOnce") : claim.spec().accessModes(),
                ref, reclaim, storageClass.metadata().name(), storageClass.mountOptions(), null,
                node == null ? null : new VolumeNodeAffinity(new NodeSelector(List.of(new NodeSelectorTerm(List.of(
                        new NodeSelectorRequirement("kubernetes.io/hostname", "In", List.of(node))), null)))));
        ObjectMeta meta = new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null,
                Map.of("pv.kubernetes.io/provisioned-by", PROVISIONER), null, null);
        return PersistentVolume.of(meta, spec, null);
    }
}
