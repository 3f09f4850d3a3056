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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.core.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in dynamic provisioner: a claim of a StorageClass whose {@code provisioner} is
 * {@value #PROVISIONER} gets a new hostPath volume made for it, named {@code pvc-<claim uid>}, in
 * {@code <parameters.root or /var/lib/tugboat/volumes>/<volume name>} ({@code DirectoryOrCreate}: the kubelet makes
 * the directory when it first mounts it). The volume is pre-bound to the claim ({@code claimRef} with its uid), so
 * no other claim can take it, and takes the class's reclaim policy ({@code Delete} unless it says otherwise).
 *
 * <p>With {@code volumeBindingMode: WaitForFirstConsumer} the volume is made only once the scheduler has chosen a
 * node for the first pod using the claim and written it on the claim ({@code volume.kubernetes.io/selected-node},
 * as in Kubernetes), and gets a required node affinity to that node: the directory is on that node. With
 * {@code Immediate} the volume is made at once, without node affinity.
 *
 * <p>When a {@code Delete} volume's claim is gone, the controller removes the directory with a short-lived
 * {@link #cleanupPod cleanup pod} on the volume's node, then deletes the volume object.
 */
public final class HostPathProvisioner {
    /** The {@code provisioner} of the StorageClasses this provisioner serves. */
    public static final String PROVISIONER = "tugboat.io/host-path";
    /** Where volumes go when the class has no {@code root} parameter. */
    public static final String DEFAULT_ROOT = "/var/lib/tugboat/volumes";
    /** The annotation a provisioned volume carries, naming its provisioner (as Kubernetes' provisioners set it). */
    public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    /** Where cleanup pods run. */
    public static final String CLEANUP_NAMESPACE = "kube-system";
    /** The label that ties a cleanup pod to the volume whose directory it removes. */
    public static final String CLEANUP_LABEL = "tugboat.io/volume-cleanup";
    /** The cleanup pod's image: it needs nothing but {@code rm}; the local busybox every node has. */
    public static final String HELPER_IMAGE = "tugboat/busybox:1";

    private HostPathProvisioner() {
    }

    /** Whether this provisioner makes volumes for {@code storageClass}. */
    public static boolean serves(StorageClass storageClass) {
        return storageClass != null && PROVISIONER.equals(storageClass.provisioner());
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
                Map.of(PROVISIONED_BY, PROVISIONER), null, null);
        return PersistentVolume.of(meta, spec, null);
    }

    /**
     * The node whose directory holds {@code volume}'s data, when this provisioner made it and knows: the single
     * {@code kubernetes.io/hostname} value of its required node affinity. Empty for volumes made by others or
     * without node affinity ({@code Immediate} ones: any node that mounted them may have made the directory).
     */
    public static Optional<String> nodeOf(PersistentVolume volume) {
        Map<String, String> annotations = volume.metadata().annotations();
        if (annotations == null || !PROVISIONER.equals(annotations.get(PROVISIONED_BY)) || volume.spec() == null
                || volume.spec().hostPath() == null || volume.spec().nodeAffinity() == null
                || volume.spec().nodeAffinity().required() == null) {
            return Optional.empty();
        }
        for (NodeSelectorTerm term : volume.spec().nodeAffinity().required().nodeSelectorTerms()) {
            for (NodeSelectorRequirement r : term.matchExpressions() == null ? List.<NodeSelectorRequirement>of()
                    : term.matchExpressions()) {
                if ("kubernetes.io/hostname".equals(r.key()) && "In".equals(r.operator()) && r.values() != null
                        && r.values().size() == 1) {
                    return Optional.of(r.values().get(0));
                }
            }
        }
        return Optional.empty();
    }

    /** The name of the pod that removes {@code volume}'s directory. */
    public static String cleanupPodName(String volume) {
        return "delete-" + volume;
    }

    /**
     * The pod that removes a provisioned volume's directory on its node (the node-side half of reclaim policy
     * {@code Delete}, as Rancher's local-path-provisioner does it): pinned to the node by {@code spec.nodeName}
     * (no scheduler; it tolerates every taint, so it also runs on a cordoned or tainted node), mounting the
     * volume's <em>parent</em> directory and running {@code rm -rf} on the volume's own directory only, never on
     * the root. Owned by the volume, so it goes with it. Empty when the volume's path is not one this provisioner
     * made ({@code <root>/<volume name>}): nothing else is ever deleted.
     */
    public static Optional<Pod> cleanupPod(PersistentVolume volume, String node) {
        Path path = Path.of(volume.spec().hostPath().path()).normalize();
        String name = volume.metadata().name();
        if (!path.isAbsolute() || path.getParent() == null || path.getFileName() == null
                || !path.getFileName().toString().equals(name) || path.getParent().getParent() == null) {
            return Optional.empty();
        }
        ObjectNode pod = Codec.json().createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", cleanupPodName(name))
                .put("namespace", CLEANUP_NAMESPACE);
        meta.putObject("labels").put(CLEANUP_LABEL, name);
        meta.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "PersistentVolume")
                .put("name", name).put("uid", volume.metadata().uid());
        ObjectNode spec = pod.putObject("spec").put("nodeName", node).put("restartPolicy", "Never")
                .put("terminationGracePeriodSeconds", 1);
        spec.putArray("tolerations").addObject().put("operator", "Exists");
        ObjectNode container = spec.putArray("containers").addObject().put("name", "delete")
                .put("image", HELPER_IMAGE).put("imagePullPolicy", "IfNotPresent");
        ArrayNode command = container.putArray("command");
        List.of("rm", "-rf", "--", "/volumes/" + name).forEach(command::add);
        container.putArray("volumeMounts").addObject().put("name", "volumes").put("mountPath", "/volumes");
        spec.putArray("volumes").addObject().put("name", "volumes").putObject("hostPath")
                .put("path", path.getParent().toString()).put("type", "DirectoryOrCreate");
        try {
            return Optional.of(Codec.fromTree(pod, Pod.class).value());
        } catch (DecodeException e) {
            throw new IllegalStateException("the cleanup pod does not decode", e);
        }
    }
}
