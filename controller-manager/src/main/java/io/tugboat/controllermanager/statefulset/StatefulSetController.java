package io.tugboat.controllermanager.statefulset;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.tugboat.api.apps.StatefulSetStatus;
import io.tugboat.api.apps.StatefulSetUpdateStrategy;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.controllermanager.common.ControllerRefManager;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.common.Pods;
import io.tugboat.controllermanager.common.StatusWriter;
import io.tugboat.controllermanager.history.ControllerHistory;
import io.tugboat.controllermanager.history.RevisionHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each of {@code spec.replicas} pods a stable name, hostname and storage (Kubernetes'
 * {@code stateful_set.go} and {@code stateful_set_control.go}).
 *
 * <pre>
 *   reconcile("default/web"):
 *     set = cache                                  gone?  done (the garbage collector removes its pods)
 *     pods = claim(pods of the namespace)          adopt matching orphans, release strays
 *     update revision = history.ensure(template)   current revision = status.currentRevision, if it still exists
 *     steps = {@link StatefulSetPlan#decide}       create web-N (its claims first), delete failed or condemned
 *                                                  pods, roll old revisions above the partition one at a time
 *     status = replicas, ready, available, current, updated, currentRevision, updateRevision
 *              (currentRevision becomes the update revision once every pod runs it and all are ready)
 * </pre>
 *
 * Claims from {@code volumeClaimTemplates} are created before their pod and are not deleted with it, so
 * {@code web-1} re-created on another pass gets {@code data-web-1} back. With
 * {@code persistentVolumeClaimRetentionPolicy.whenDeleted: Delete} the claims are owned by the set (the garbage
 * collector deletes them with it); with {@code whenScaled: Delete} a condemned pod's claims are deleted with it.
 */
public final class StatefulSetController implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(StatefulSetController.class);

    /** The runner's name and the Events' component, as in Kubernetes. */
    public static final String NAME = "statefulset-controller";

    private final Lister<StatefulSet> sets;
    private final Lister<Pod> pods;
    private final Lister<ControllerRevision> revisions;
    private final ObjectClient<StatefulSet> setClient;
    private final ObjectClient<Pod> podClient;
    private final ObjectClient<ControllerRevision> revisionClient;
    private final ObjectClient<PersistentVolumeClaim> claimClient;
    private final EventRecorder events;
    private final Clock clock;

    public StatefulSetController(Lister<StatefulSet> sets, Lister<Pod> pods, Lister<ControllerRevision> revisions,
                                 ObjectClient<StatefulSet> setClient, ObjectClient<Pod> podClient,
                                 ObjectClient<ControllerRevision> revisionClient,
                                 ObjectClient<PersistentVolumeClaim> claimClient, EventRecorder events, Clock clock) {
        this.sets = sets;
        this.pods = pods;
        this.revisions = revisions;
        this.setClient = setClient;
        this.podClient = podClient;
        this.revisionClient = revisionClient;
        this.claimClient = claimClient;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The controller wired to shared informers for StatefulSets, Pods and ControllerRevisions, ready to
     * {@link ControllerRunner#start()}. Call before {@code informers.start()}.
     */
    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, EventRecorder events,
                                             Clock clock, int workers) {
        SharedInformer<StatefulSet> setInformer = informers.informerFor(ResourceKinds.STATEFUL_SETS);
        SharedInformer<Pod> podInformer = informers.informerFor(ResourceKinds.PODS);
        SharedInformer<ControllerRevision> revisionInformer = informers.informerFor(ResourceKinds.CONTROLLER_REVISIONS);
        StatefulSetController controller = new StatefulSetController(setInformer.lister(), podInformer.lister(),
                revisionInformer.lister(), client.resources(ResourceKinds.STATEFUL_SETS),
                client.resources(ResourceKinds.PODS), client.resources(ResourceKinds.CONTROLLER_REVISIONS),
                client.resources(ResourceKinds.PERSISTENT_VOLUME_CLAIMS), events, clock);
        Lister<StatefulSet> lister = setInformer.lister();
        return ControllerRunner.builder(NAME, controller)
                .watches(setInformer::hasSynced, enqueue -> setInformer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(
                        StatefulSetEventHandlers.forPods(lister, enqueue)))
                .watches(revisionInformer::hasSynced, enqueue -> revisionInformer.addEventHandler(
                        StatefulSetEventHandlers.forRevisions(lister, enqueue)))
                .workers(workers)
                .clock(clock)
                .build();
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException, InterruptedException {
        ObjectKey id = Keys.split(key);
        Optional<StatefulSet> found = sets.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            return ReconcileResult.done();
        }
        StatefulSet set = found.get();
        Selector selector = Selector.fromLabelSelector(set.spec().selector());
        if (selector.isEmpty()) {
            log.warn("StatefulSet {} has an empty selector; refusing to select every pod of its namespace", key);
            return ReconcileResult.done();
        }
        OwnerReference ref = ControllerRefs.newControllerRef(set, StatefulSet.API_VERSION, StatefulSet.KIND);
        List<Pod> owned = new ControllerRefManager<>(podClient, set.metadata(), ref, selector,
                ControllerRefs.adoptionCheck(setClient, set)).claim(pods.list(id.namespace(), Selector.everything()))
                .stream().filter(p -> StatefulPods.ordinal(set, p.metadata().name()) >= 0).toList();
        List<ControllerRevision> ownedRevisions = new ControllerRefManager<>(revisionClient, set.metadata(), ref,
                selector, ControllerRefs.adoptionCheck(setClient, set)).claim(revisions.list(id.namespace(), Selector.everything()));

        RevisionHistory.Synced history;
        try {
            history = new RevisionHistory(revisionClient).ensure(set, ref, set.spec().template().metadata() == null
                            ? null : set.spec().template().metadata().labels(),
                    ControllerHistory.patchFor(set.spec().template()), collisionCount(set), ownedRevisions);
        } catch (RevisionHistory.Collision collision) {
            StatefulSetStatus status = set.status() == null ? emptyStatus() : set.status();
            updateStatus(set, status.withCollisionCount(collisionCount(set) == null ? 1 : collisionCount(set) + 1));
            throw new ApiException.ConflictException(new io.tugboat.api.meta.Status("v1", "Status", null, "Failure",
                    collision.getMessage(), "Conflict", null, 409));
        }
        ControllerRevision update = history.update();
        String currentName = set.status() == null ? null : set.status().currentRevision();
        ControllerRevision current = history.all().stream()
                .filter(r -> r.metadata().name().equals(currentName)).findFirst().orElse(update);

        Instant now = clock.instant();
        ApiException manageError = null;
        if (set.metadata().deletionTimestamp() == null) {
            try {
                manage(set, ref, owned, current, update, now);
            } catch (ApiException e) {
                manageError = e;
            }
        }
        Set<String> live = new HashSet<>();
        owned.forEach(p -> live.add(StatefulPods.revisionOf(p)));
        new RevisionHistory(revisionClient).prune(history.all(), live,
                new HashSet<>(List.of(current.metadata().name(), update.metadata().name())),
                set.spec().revisionHistoryLimit() == null ? 10 : set.spec().revisionHistoryLimit());

        StatefulSetStatus status = calculateStatus(set, owned, current.metadata().name(), update.metadata().name(), now);
        updateStatus(set, status);
        if (manageError != null) {
            throw manageError;
        }
        int minReadySeconds = minReadySeconds(set);
        if (minReadySeconds > 0 && status.readyReplicas() > status.availableReplicas()) {
            return ReconcileResult.requeueAfter(Duration.ofSeconds(minReadySeconds));
        }
        return ReconcileResult.done();
    }

    private void manage(StatefulSet set, OwnerReference ref, List<Pod> owned, ControllerRevision current,
                        ControllerRevision update, Instant now) throws ApiException {
        int minReadySeconds = minReadySeconds(set);
        List<StatefulSetPlan.Replica> replicas = owned.stream().map(p -> new StatefulSetPlan.Replica(
                StatefulPods.ordinal(set, p.metadata().name()), StatefulPods.revisionOf(p),
                p.metadata().deletionTimestamp() != null, Pods.isFinished(p), isHealthy(p, minReadySeconds, now))).toList();
        StatefulSetUpdateStrategy strategy = set.spec().updateStrategy();
        boolean rolling = strategy == null || strategy.type() == null || "RollingUpdate".equals(strategy.type());
        int partition = rolling && strategy != null && strategy.rollingUpdate() != null
                && strategy.rollingUpdate().partition() != null ? strategy.rollingUpdate().partition() : 0;
        StatefulSetPlan.Spec spec = new StatefulSetPlan.Spec(replicas(set),
                "Parallel".equals(set.spec().podManagementPolicy()), rolling, partition,
                current.metadata().name(), update.metadata().name());
        for (StatefulSetPlan.Step step : StatefulSetPlan.decide(spec, replicas)) {
            if (step.action() == StatefulSetPlan.Action.CREATE) {
                ControllerRevision revision = step.revision().equals(current.metadata().name()) ? current : update;
                PodTemplateSpec template = ControllerHistory.templateOf(revision);
                createPod(set, ref, step.ordinal(), template == null ? set.spec().template() : template,
                        revision.metadata().name());
            } else {
                deletePod(set, step.ordinal());
            }
        }
    }

    private void createPod(StatefulSet set, OwnerReference ref, int ordinal, PodTemplateSpec template, String revision)
            throws ApiException {
        String namespace = set.metadata().namespace();
        String podName = StatefulPods.podName(set, ordinal);
        List<PersistentVolumeClaim> templates = set.spec().volumeClaimTemplates();
        OwnerReference claimOwner = retention(set).whenDeleted().equals("Delete")
                ? new OwnerReference(StatefulSet.API_VERSION, StatefulSet.KIND, set.metadata().name(),
                        set.metadata().uid(), false, true)
                : null;
        for (PersistentVolumeClaim claimTemplate : templates == null ? List.<PersistentVolumeClaim>of() : templates) {
            PersistentVolumeClaim claim = StatefulPods.newClaim(set, claimTemplate, ordinal, claimOwner);
            try {
                claimClient.inNamespace(namespace).create(claim);
                events.event(set, EventRecorder.NORMAL, "SuccessfulCreate", "create Claim %s Pod %s in StatefulSet %s success",
                        claim.metadata().name(), podName, set.metadata().name());
            } catch (ApiException.AlreadyExistsException e) {
                // kept from an earlier pod of this ordinal: that is the point
            } catch (ApiException e) {
                events.event(set, EventRecorder.WARNING, "FailedCreate", "create Claim %s for Pod %s in StatefulSet %s failed error: %s",
                        claim.metadata().name(), podName, set.metadata().name(), e.getMessage());
                throw e;
            }
        }
        try {
            podClient.inNamespace(namespace).create(StatefulPods.newPod(set, template, ref, ordinal, revision));
            events.event(set, EventRecorder.NORMAL, "SuccessfulCreate", "create Pod %s in StatefulSet %s successful",
                    podName, set.metadata().name());
        } catch (ApiException.AlreadyExistsException e) {
            // the cache has not shown it yet
        } catch (ApiException e) {
            events.event(set, EventRecorder.WARNING, "FailedCreate", "create Pod %s in StatefulSet %s failed error: %s",
                    podName, set.metadata().name(), e.getMessage());
            throw e;
        }
    }

    private void deletePod(StatefulSet set, int ordinal) throws ApiException {
        String namespace = set.metadata().namespace();
        String podName = StatefulPods.podName(set, ordinal);
        try {
            podClient.inNamespace(namespace).delete(podName, null);
            events.event(set, EventRecorder.NORMAL, "SuccessfulDelete", "delete Pod %s in StatefulSet %s successful",
                    podName, set.metadata().name());
        } catch (ApiException.NotFoundException e) {
            // gone already
        } catch (ApiException e) {
            events.event(set, EventRecorder.WARNING, "FailedDelete", "delete Pod %s in StatefulSet %s failed error: %s",
                    podName, set.metadata().name(), e.getMessage());
            throw e;
        }
        boolean condemned = ordinal >= replicas(set);
        List<PersistentVolumeClaim> templates = set.spec().volumeClaimTemplates();
        if (condemned && retention(set).whenScaled().equals("Delete") && templates != null) {
            for (PersistentVolumeClaim claimTemplate : templates) {
                try {
                    claimClient.inNamespace(namespace).delete(StatefulPods.claimName(claimTemplate, set, ordinal), null);
                } catch (ApiException.NotFoundException e) {
                    // never made, or gone
                }
            }
        }
    }

    /** The status Kubernetes' {@code computeReplicaStatus} and {@code completeRollingUpdate} write. */
    static StatefulSetStatus calculateStatus(StatefulSet set, List<Pod> owned, String currentRevision,
                                             String updateRevision, Instant now) {
        int created = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        int minReadySeconds = minReadySeconds(set);
        for (Pod pod : owned) {
            created++;
            if (isRunningAndReady(pod)) {
                ready++;
                if (Pods.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
            if (pod.metadata().deletionTimestamp() == null) {
                String revision = StatefulPods.revisionOf(pod);
                if (currentRevision.equals(revision)) {
                    current++;
                }
                if (updateRevision.equals(revision)) {
                    updated++;
                }
            }
        }
        StatefulSetUpdateStrategy strategy = set.spec().updateStrategy();
        boolean rolling = strategy == null || strategy.type() == null || "RollingUpdate".equals(strategy.type());
        if (rolling && updated == created && ready == replicas(set)) {
            currentRevision = updateRevision; // the rollout is complete
            current = updated;
        }
        return new StatefulSetStatus(set.metadata().generation(), created, ready, current, updated, currentRevision,
                updateRevision, collisionCount(set), set.status() == null ? null : set.status().conditions(), available);
    }

    private void updateStatus(StatefulSet set, StatefulSetStatus status) throws ApiException {
        if (Objects.equals(set.status(), status)) {
            return;
        }
        StatusWriter.write(setClient.inNamespace(set.metadata().namespace()), set, o -> o.withStatus(status));
    }

    private static boolean isRunningAndReady(Pod pod) {
        return pod.status() != null && "Running".equals(pod.status().phase()) && Pods.isReady(pod);
    }

    private static boolean isHealthy(Pod pod, int minReadySeconds, Instant now) {
        return pod.metadata().deletionTimestamp() == null && isRunningAndReady(pod)
                && Pods.isAvailable(pod, minReadySeconds, now);
    }

    private static StatefulSetPersistentVolumeClaimRetentionPolicy retention(StatefulSet set) {
        StatefulSetPersistentVolumeClaimRetentionPolicy p = set.spec().persistentVolumeClaimRetentionPolicy();
        return new StatefulSetPersistentVolumeClaimRetentionPolicy(
                p == null || p.whenDeleted() == null ? "Retain" : p.whenDeleted(),
                p == null || p.whenScaled() == null ? "Retain" : p.whenScaled());
    }

    private static int replicas(StatefulSet set) {
        return set.spec().replicas() == null ? 1 : set.spec().replicas();
    }

    private static int minReadySeconds(StatefulSet set) {
        return set.spec().minReadySeconds() == null ? 0 : set.spec().minReadySeconds();
    }

    private static Integer collisionCount(StatefulSet set) {
        return set.status() == null ? null : set.status().collisionCount();
    }

    private static StatefulSetStatus emptyStatus() {
        return new StatefulSetStatus(null, 0, 0, 0, 0, null, null, null, null, 0);
    }
}
