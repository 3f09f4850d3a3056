package io.tugboat.controllermanager.volume;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimStatus;
import io.tugboat.api.core.PersistentVolumeStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.storage.StorageClass;
import io.tugboat.api.storage.VolumeMatcher;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Binds PersistentVolumeClaims to PersistentVolumes and keeps both sides' phases (Kubernetes'
 * {@code persistentvolume-binder-controller}); a claim of a {@code tugboat.io/host-path} StorageClass that finds no
 * volume gets one made for it ({@link HostPathProvisioner}).
 *
 * <pre>
 *   volume phases                                      claim phases
 *   Pending ─▶ Available ─▶ Bound ─▶ Released           Pending ─▶ Bound
 *                            (its claim is deleted)
 *                                      └─ reclaim Delete: its directory removed on its node (a provisioned
 *                                         volume), then the volume object deleted
 * </pre>
 *
 * One queue carries both kinds: keys are {@code claim:<namespace>/<name>} and {@code volume:<name>}. Binding
 * writes the volume first ({@code spec.claimRef}, then phase Bound), then the claim ({@code spec.volumeName},
 * then phase Bound with the volume's capacity and access modes), so a crash half-way leaves a volume that names
 * its claim — the next pass finds it pre-bound and finishes the claim side, as Kubernetes does.
 */
public final class PersistentVolumeController implements Reconciler {
    /** The runner's name and the Events' component, as in Kubernetes. */
    public static final String NAME = "persistentvolume-binder-controller";
    static final String CLAIM = "claim:";
    static final String VOLUME = "volume:";

    private final Lister<PersistentVolumeClaim> claims;
    private final Lister<PersistentVolume> volumes;
    private final ObjectClient<PersistentVolumeClaim> claimClient;
    private final ObjectClient<PersistentVolume> volumeClient;
    private final Lister<StorageClass> classes;
    private final Lister<Pod> pods;
    private final ObjectClient<Pod> podClient;
    private final EventRecorder events;

    public PersistentVolumeController(Lister<PersistentVolumeClaim> claims, Lister<PersistentVolume> volumes,
                                      Lister<StorageClass> classes, Lister<Pod> pods,
                                      ObjectClient<PersistentVolumeClaim> claimClient,
                                      ObjectClient<PersistentVolume> volumeClient, ObjectClient<Pod> podClient,
                                      EventRecorder events) {
        this.claims = claims;
        this.volumes = volumes;
        this.classes = classes;
        this.pods = pods;
        this.claimClient = claimClient;
        this.volumeClient = volumeClient;
        this.podClient = podClient;
        this.events = events;
    }

    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, EventRecorder events,
                                             int workers) {
        SharedInformer<PersistentVolumeClaim> claimInformer = informers.informerFor(ResourceKinds.PERSISTENT_VOLUME_CLAIMS);
        SharedInformer<PersistentVolume> volumeInformer = informers.informerFor(ResourceKinds.PERSISTENT_VOLUMES);
        SharedInformer<StorageClass> classInformer = informers.informerFor(ResourceKinds.STORAGE_CLASSES);
        SharedInformer<Pod> podInformer = informers.informerFor(ResourceKinds.PODS);
        PersistentVolumeController controller = new PersistentVolumeController(claimInformer.lister(),
                volumeInformer.lister(), classInformer.lister(), podInformer.lister(),
                client.resources(ResourceKinds.PERSISTENT_VOLUME_CLAIMS),
                client.resources(ResourceKinds.PERSISTENT_VOLUMES), client.resources(ResourceKinds.PODS), events);
        return ControllerRunner.builder(NAME, controller)
                .watches(claimInformer::hasSynced, enqueue -> claimInformer.addEventHandler(
                        prefixed(CLAIM, enqueue, claimInformer.lister(), true)))
                .watches(volumeInformer::hasSynced, enqueue -> volumeInformer.addEventHandler(
                        prefixed(VOLUME, enqueue, claimInformer.lister(), false)))
                .watches(classInformer::hasSynced, enqueue -> { })
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(podsWake(enqueue)))
                .workers(workers)
                .build();
    }

    /**
     * Claims enqueue themselves; a volume enqueues itself, and every pending claim when it appears or frees up
     * (it may be the one they wait for).
     */
    private static <T extends io.tugboat.api.meta.KubernetesObject> ResourceEventHandler<T> prefixed(
            String prefix, Consumer<String> enqueue, Lister<PersistentVolumeClaim> claims, boolean isClaim) {
        Runnable pending = () -> claims.list(Selector.everything()).stream()
                .filter(c -> c.spec() == null || c.spec().volumeName() == null || c.spec().volumeName().isEmpty())
                .forEach(c -> enqueue.accept(CLAIM + Keys.keyOf(c)));
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue.accept(prefix + Keys.keyOf(object));
                if (!isClaim) {
                    pending.run();
                }
            }

            @Override
            public void onUpdate(T oldObject, T object) {
                enqueue.accept(prefix + Keys.keyOf(object));
                if (!isClaim) {
                    pending.run();
                }
            }

            @Override
            public void onDelete(Deleted<T> deleted) {
                enqueue.accept(prefix + deleted.key());
                if (isClaim) {
                    // its volume is released
                    PersistentVolumeClaim claim = (PersistentVolumeClaim) deleted.lastKnown();
                    if (claim.spec() != null && claim.spec().volumeName() != null) {
                        enqueue.accept(VOLUME + claim.spec().volumeName());
                    }
                }
            }
        };
    }

    /** A cleanup pod wakes the volume whose directory it removes, when it starts, ends or is deleted. */
    private static ResourceEventHandler<Pod> podsWake(Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                wakeVolume(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                wakeVolume(pod);
            }

            @Override
            public void onDelete(Deleted<Pod> deleted) {
                wakeVolume(deleted.lastKnown()); // a failed cleanup pod deleted by hand: try again
            }

            private void wakeVolume(Pod pod) {
                java.util.Map<String, String> labels = pod.metadata().labels();
                if (labels != null && labels.containsKey(HostPathProvisioner.CLEANUP_LABEL)
                        && HostPathProvisioner.CLEANUP_NAMESPACE.equals(pod.metadata().namespace())) {
                    enqueue.accept(VOLUME + labels.get(HostPathProvisioner.CLEANUP_LABEL));
                }
            }
        };
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        if (key.startsWith(CLAIM)) {
            syncClaim(Keys.split(key.substring(CLAIM.length())));
        } else if (key.startsWith(VOLUME)) {
            syncVolume(key.substring(VOLUME.length()));
        }
        return ReconcileResult.done();
    }

    private void syncClaim(ObjectKey id) throws ApiException {
        Optional<PersistentVolumeClaim> found = claims.get(id.namespace(), id.name());
        if (found.isEmpty() || found.get().metadata().deletionTimestamp() != null || found.get().spec() == null) {
            return;
        }
        PersistentVolumeClaim claim = found.get();
        String volumeName = claim.spec().volumeName();
        PersistentVolume volume;
        if (volumeName != null && !volumeName.isEmpty() && "Bound".equals(phase(claim))) {
            return; // bound both ways already; the volume's own sync keeps its side
        }
        if (volumeName != null && !volumeName.isEmpty()) {
            volume = volumes.get(volumeName).orElse(null);
            if (volume == null) {
                return; // a claim for a volume that does not exist (yet) waits, as in Kubernetes
            }
            if (volume.spec().claimRef() != null && !VolumeMatcher.refersTo(volume.spec().claimRef(), claim)) {
                return; // that volume is someone else's
            }
        } else {
            StorageClass storageClass = classOf(claim);
            // WaitForFirstConsumer: the scheduler chooses, when it places the claim's first pod. It either pre-binds
            // a volume the pod's node reaches (claimRef), which is the only kind of volume taken here, or selects
            // the node for a new one (the selected-node annotation), which maybeProvision makes.
            Optional<PersistentVolume> match = VolumeMatcher.waitsForConsumer(storageClass)
                    ? VolumeMatcher.bestFit(claim, volumes.list(Selector.everything()),
                            pv -> VolumeMatcher.refersTo(pv.spec().claimRef(), claim))
                    : VolumeMatcher.bestFit(claim, volumes.list(Selector.everything()));
            if (match.isEmpty()) {
                maybeProvision(claim, storageClass);
                return; // stays Pending until a fitting volume appears (its add enqueues pending claims)
            }
            volume = match.get();
        }
        bind(claim, volume);
    }

    /**
     * Makes a volume for {@code claim} if its class is the built-in provisioner's ({@link HostPathProvisioner}): at
     * once for {@code Immediate}, on the node the scheduler selected ({@value VolumeMatcher#SELECTED_NODE}) for
     * {@code WaitForFirstConsumer}.
     */
    private void maybeProvision(PersistentVolumeClaim claim, StorageClass storageClass) throws ApiException {
        if (!HostPathProvisioner.serves(storageClass)) {
            return;
        }
        String node = null;
        if (VolumeMatcher.waitsForConsumer(storageClass)) {
            Map<String, String> annotations = claim.metadata().annotations();
            node = annotations == null ? null : annotations.get(VolumeMatcher.SELECTED_NODE);
            if (node == null || node.isEmpty()) {
                return; // no pod using it has been scheduled yet; the annotation's update requeues the claim
            }
        }
        try {
            PersistentVolume created = volumeClient.create(HostPathProvisioner.volumeFor(claim, storageClass, node));
            events.event(claim, EventRecorder.NORMAL, "ProvisioningSucceeded", "Successfully provisioned volume %s%s",
                    created.metadata().name(), node == null ? "" : " on node " + node);
        } catch (ApiException.AlreadyExistsException e) {
            // made on an earlier pass; binding follows
        }
    }

    private StorageClass classOf(PersistentVolumeClaim claim) {
        String className = claim.spec().storageClassName();
        return className == null || className.isEmpty() ? null : classes.get(className).orElse(null);
    }

    private void bind(PersistentVolumeClaim claim, PersistentVolume volume) throws ApiException {
        if (volume.spec().claimRef() == null || volume.spec().claimRef().uid() == null) {
            ObjectReference ref = new ObjectReference("PersistentVolumeClaim", claim.metadata().namespace(),
                    claim.metadata().name(), claim.metadata().uid(), "v1", claim.metadata().resourceVersion(), null);
            volume = volumeClient.update(volume.withSpec(volume.spec().withClaimRef(ref)));
        }
        if (!"Bound".equals(volume.status() == null ? null : volume.status().phase())) {
            volume = volumeClient.updateStatus(volume.withStatus(new PersistentVolumeStatus("Bound", null, null)));
        }
        ObjectClient<PersistentVolumeClaim> ns = claimClient.inNamespace(claim.metadata().namespace());
        if (!volume.metadata().name().equals(claim.spec().volumeName())) {
            claim = ns.update(claim.withSpec(claim.spec().withVolumeName(volume.metadata().name())));
        }
        ns.updateStatus(claim.withStatus(new PersistentVolumeClaimStatus("Bound", volume.spec().accessModes(),
                volume.spec().capacity())));
        events.event(claim, EventRecorder.NORMAL, "Bound", "Bound to volume %s", volume.metadata().name());
    }

    private void syncVolume(String name) throws ApiException {
        Optional<PersistentVolume> found = volumes.get(name);
        if (found.isEmpty() || found.get().spec() == null || found.get().metadata().deletionTimestamp() != null) {
            return;
        }
        PersistentVolume volume = found.get();
        ObjectReference ref = volume.spec().claimRef();
        if (ref == null) {
            setPhase(volume, "Available");
            return;
        }
        Optional<PersistentVolumeClaim> claim = claims.get(ref.namespace(), ref.name());
        boolean claimGone = claim.isEmpty()
                || (ref.uid() != null && !ref.uid().isEmpty() && !ref.uid().equals(claim.get().metadata().uid()));
        if (!claimGone) {
            if (volume.metadata().name().equals(claim.get().spec().volumeName())) {
                setPhase(volume, "Bound");
            }
            return; // binding in progress: the claim's sync finishes it
        }
        if (ref.uid() == null || ref.uid().isEmpty()) {
            setPhase(volume, "Available"); // pre-bound to a claim not created yet: it waits for it
            return;
        }
        if ("Delete".equals(volume.spec().persistentVolumeReclaimPolicy())) {
            reclaimDelete(volume);
            return;
        }
        setPhase(volume, "Released"); // Retain: the data stays; an admin clears claimRef to reuse the volume
    }

    /**
     * Reclaim policy Delete. A volume the host-path provisioner made on a known node first has its directory
     * removed there by a cleanup pod; the object goes once that pod has Succeeded:
     *
     * <pre>
     *   no cleanup pod ─▶ create it (kube-system/delete-&lt;volume&gt;, on the volume's node)
     *   pod Pending/Running ─▶ wait (its updates requeue the volume)
     *   pod Succeeded ─▶ delete the volume (the pod, owned by it, goes with it)
     *   pod Failed ─▶ volume phase Failed, Warning VolumeFailedDelete; the pod stays for its logs (delete it to retry)
     * </pre>
     *
     * Any other volume (static, or provisioned without node affinity) is deleted as an object only: Tugboat does
     * not know where its data is.
     */
    private void reclaimDelete(PersistentVolume volume) throws ApiException {
        String name = volume.metadata().name();
        Optional<String> node = HostPathProvisioner.nodeOf(volume);
        Optional<Pod> cleanupPod = node.isEmpty() ? Optional.empty() : HostPathProvisioner.cleanupPod(volume, node.get());
        if (cleanupPod.isPresent()) {
            Optional<Pod> running = pods.get(HostPathProvisioner.CLEANUP_NAMESPACE, HostPathProvisioner.cleanupPodName(name));
            String podPhase = running.map(p -> p.status() == null ? null : p.status().phase()).orElse(null);
            if (running.isEmpty()) {
                try {
                    podClient.inNamespace(HostPathProvisioner.CLEANUP_NAMESPACE).create(cleanupPod.get());
                    events.event(volume, EventRecorder.NORMAL, "VolumeDelete", "Removing %s on node %s",
                            volume.spec().hostPath().path(), node.get());
                } catch (ApiException.AlreadyExistsException e) {
                    // created on an earlier pass; the informer has not shown it yet
                }
                return;
            }
            if ("Failed".equals(podPhase)) {
                if (!"Failed".equals(volume.status() == null ? null : volume.status().phase())) {
                    String message = "cleanup pod " + HostPathProvisioner.CLEANUP_NAMESPACE + "/"
                            + running.get().metadata().name() + " failed; delete it to retry";
                    volumeClient.updateStatus(volume.withStatus(new PersistentVolumeStatus("Failed", message,
                            "VolumeFailedDelete")));
                    events.event(volume, EventRecorder.WARNING, "VolumeFailedDelete", "%s", message);
                }
                return;
            }
            if (!"Succeeded".equals(podPhase)) {
                return;
            }
        }
        try {
            volumeClient.delete(name, null);
            events.event(volume, EventRecorder.NORMAL, "VolumeDelete", "%s", cleanupPod.isPresent()
                    ? "Deleted, with its directory on node " + node.get() + ": its claim is gone"
                    : "Deleted: its claim is gone");
        } catch (ApiException.NotFoundException e) {
            // gone already
        }
    }

    private void setPhase(PersistentVolume volume, String phase) throws ApiException {
        if (!Objects.equals(phase, volume.status() == null ? null : volume.status().phase())) {
            try {
                volumeClient.updateStatus(volume.withStatus(new PersistentVolumeStatus(phase, null, null)));
            } catch (ApiException.NotFoundException e) {
                // deleted meanwhile
            }
        }
    }

    private static String phase(PersistentVolumeClaim claim) {
        return claim.status() == null ? null : claim.status().phase();
    }
}
