package io.tugboat.controllermanager.replicaset;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.ObjectMeta;
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
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.controllermanager.common.ControllerRefManager;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.common.Expectations;
import io.tugboat.controllermanager.common.Pods;
import io.tugboat.controllermanager.common.StatusWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code spec.replicas} pods matching a ReplicaSet's selector (Kubernetes' {@code replica_set.go}).
 *
 * <pre>
 *   reconcile("ns/web-abc"):
 *     rs = cache                              gone?  forget its expectations, done
 *     pods = active pods of the namespace     (not finished, not being deleted)
 *     owned = claim(pods)                     adopt matching orphans, release owned pods that stopped matching
 *     expectations met?                       no: our last creates/deletes are not all in the cache yet,
 *       │                                         so the count would be wrong — skip to the status
 *       ├─ too few: create (replicas - owned) in slow-start batches of 1, 2, 4, 8...
 *       └─ too many: delete the cheapest (owned - replicas), see {@link PodDeletionRanking}
 *     status = replicas, fullyLabeled, ready, available, observedGeneration, ReplicaFailure
 * </pre>
 *
 * Slow start: a ReplicaSet whose pods cannot be created (a quota, an invalid template) fails on the first pod
 * instead of sending 500 doomed requests; the batches double while creates succeed. Creates and deletes are
 * recorded as Events ({@code SuccessfulCreate}, {@code FailedCreate}, {@code SuccessfulDelete},
 * {@code FailedDelete}) on the ReplicaSet.
 *
 * <p>Wiring: {@link #newRunner} for a controller manager; the constructor and the two handlers for tests.
 */
public final class ReplicaSetController implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(ReplicaSetController.class);

    /** The runner's name and the Events' component, as in Kubernetes. */
    public static final String NAME = "replicaset-controller";
    /** At most this many creates or deletes per pass (Kubernetes' {@code BurstReplicas}). */
    public static final int BURST_REPLICAS = 500;
    /** The first batch of creates; each next batch doubles (Kubernetes' {@code SlowStartInitialBatchSize}). */
    public static final int SLOW_START_INITIAL_BATCH = 1;
    /** At most this many creates in flight at once for one controller. */
    static final int PARALLEL_WRITES = 16;

    private final Lister<ReplicaSet> replicaSets;
    private final Lister<Pod> pods;
    private final ObjectClient<ReplicaSet> replicaSetClient;
    private final ObjectClient<Pod> podClient;
    private final EventRecorder events;
    private final Clock clock;
    private final Expectations expectations;
    /** Runs the creates of a slow-start batch in parallel, as Kubernetes' goroutines do. */
    private final Executor writers;

    public ReplicaSetController(Lister<ReplicaSet> replicaSets, Lister<Pod> pods, ObjectClient<ReplicaSet> replicaSetClient,
                                ObjectClient<Pod> podClient, EventRecorder events, Clock clock) {
        this(replicaSets, pods, replicaSetClient, podClient, events, clock, writerPool());
    }

    /** With {@code writers} running the creates of a batch ({@code Runnable::run}: one after the other, for tests). */
    ReplicaSetController(Lister<ReplicaSet> replicaSets, Lister<Pod> pods, ObjectClient<ReplicaSet> replicaSetClient,
                         ObjectClient<Pod> podClient, EventRecorder events, Clock clock, Executor writers) {
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.replicaSetClient = replicaSetClient;
        this.podClient = podClient;
        this.events = events;
        this.clock = clock;
        this.expectations = new Expectations(clock);
        this.writers = writers;
    }

    private static Executor writerPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(PARALLEL_WRITES, PARALLEL_WRITES, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, NAME + "-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true); // idle controllers keep no threads
        return pool;
    }

    /**
     * The controller wired to shared informers for ReplicaSets and Pods, ready to {@link ControllerRunner#start()}.
     * Call before {@code informers.start()}.
     *
     * @param workers how many ReplicaSets are reconciled at once ({@code --concurrent-replicaset-syncs}, 5 in
     *                Kubernetes)
     */
    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, EventRecorder events,
                                             Clock clock, int workers) {
        SharedInformer<ReplicaSet> rsInformer = informers.informerFor(ResourceKinds.REPLICA_SETS);
        SharedInformer<Pod> podInformer = informers.informerFor(ResourceKinds.PODS);
        ReplicaSetController controller = new ReplicaSetController(rsInformer.lister(), podInformer.lister(),
                client.resources(ResourceKinds.REPLICA_SETS), client.resources(ResourceKinds.PODS), events, clock);
        return ControllerRunner.builder(NAME, controller)
                .watches(rsInformer::hasSynced, enqueue -> rsInformer.addEventHandler(
                        new ReplicaSetEventHandlers.ForReplicaSets(controller.expectations, enqueue)))
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(
                        new ReplicaSetEventHandlers.ForPods(rsInformer.lister(), controller.expectations, enqueue)))
                .workers(workers)
                .clock(clock)
                .build();
    }

    /** The expectations the handlers count off; shared with them. */
    public Expectations expectations() {
        return expectations;
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException, InterruptedException {
        ObjectKey id = Keys.split(key);
        Optional<ReplicaSet> found = replicaSets.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            expectations.forget(key);
            return ReconcileResult.done();
        }
        ReplicaSet rs = found.get();
        Selector selector = Selector.fromLabelSelector(rs.spec().selector());
        if (selector.isEmpty()) {
            log.warn("ReplicaSet {} has an empty selector; refusing to select every pod of its namespace", key);
            return ReconcileResult.done();
        }
        // Read the expectations before the cache: an event counted off after this point is then in the list below.
        boolean needsSync = expectations.satisfied(key);
        List<Pod> active = pods.list(id.namespace(), Selector.everything()).stream().filter(Pods::isActive).toList();
        OwnerReference ref = ControllerRefs.newControllerRef(rs, ReplicaSet.API_VERSION, ReplicaSet.KIND);
        List<Pod> owned = new ControllerRefManager<>(podClient, rs.metadata(), ref, selector,
                ControllerRefs.adoptionCheck(replicaSetClient, rs)).claim(active);

        int diff = owned.size() - replicas(rs);
        ApiException manageError = null;
        if (needsSync && rs.metadata().deletionTimestamp() == null) {
            try {
                manageReplicas(key, rs, owned, ref);
            } catch (ApiException e) {
                manageError = e;
            }
        }
        ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs, owned, manageError, diff, clock.instant());
        updateStatus(rs, status);
        if (manageError != null) {
            throw manageError;
        }
        int minReadySeconds = rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
        if (minReadySeconds > 0 && status.readyReplicas() == replicas(rs) && status.availableReplicas() != replicas(rs)) {
            // Time passing makes ready pods available; no event will say so.
            return ReconcileResult.requeueAfter(Duration.ofSeconds(minReadySeconds));
        }
        if (!needsSync) {
            return ReconcileResult.requeueAfter(expectations.timeToExpiry(key)); // in case an event never comes
        }
        return ReconcileResult.done();
    }

    private static int replicas(ReplicaSet rs) {
        return rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    private void manageReplicas(String key, ReplicaSet rs, List<Pod> owned, OwnerReference ref)
            throws ApiException, InterruptedException {
        int diff = owned.size() - replicas(rs);
        if (diff < 0) {
            int missing = Math.min(-diff, BURST_REPLICAS);
            expectations.expectCreations(key, missing);
            SlowStart.Outcome outcome = SlowStart.run(missing, SLOW_START_INITIAL_BATCH, writers,
                    () -> createPod(rs, ref));
            // Creates that failed or were never tried will not show up in the informer: stop waiting for them.
            for (int i = outcome.successes(); i < missing; i++) {
                expectations.creationObserved(key);
            }
            if (outcome.error() != null) {
                throw outcome.error();
            }
        } else if (diff > 0) {
            List<Pod> doomed = PodDeletionRanking.podsToDelete(owned, Math.min(diff, BURST_REPLICAS));
            expectations.expectDeletions(key, doomed.stream().map(Keys::keyOf).toList());
            ApiException first = null;
            for (Pod pod : doomed) {
                try {
                    podClient.inNamespace(rs.metadata().namespace()).delete(pod.metadata().name(), null);
                    events.event(rs, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: %s", pod.metadata().name());
                } catch (ApiException e) {
                    expectations.deletionObserved(key, Keys.keyOf(pod));
                    if (!(e instanceof ApiException.NotFoundException)) {
                        events.event(rs, EventRecorder.WARNING, "FailedDelete", "Error deleting: %s", e.getMessage());
                        first = first == null ? e : first;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private void createPod(ReplicaSet rs, OwnerReference ref) throws ApiException {
        try {
            Pod created = podClient.inNamespace(rs.metadata().namespace()).create(podFromTemplate(rs, ref));
            events.event(rs, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: %s", created.metadata().name());
        } catch (ApiException e) {
            events.event(rs, EventRecorder.WARNING, "FailedCreate", "Error creating: %s", e.getMessage());
            throw e;
        }
    }

    /** A pod stamped out of the ReplicaSet's template, controlled by it (Kubernetes' {@code GetPodFromTemplate}). */
    static Pod podFromTemplate(ReplicaSet rs, OwnerReference ref) {
        PodTemplateSpec template = rs.spec().template();
        ObjectMeta t = template.metadata();
        ObjectMeta meta = new ObjectMeta(null, rs.metadata().name() + "-", rs.metadata().namespace(), null, null, null,
                null, null, null, null, t == null ? null : t.labels(), t == null ? null : t.annotations(),
                List.of(ref), t == null ? null : t.finalizers());
        return Pod.of(meta, template.spec(), null);
    }

    private void updateStatus(ReplicaSet rs, ReplicaSetStatus status) throws ApiException {
        if (!ReplicaSetStatuses.differs(rs.status(), status)) {
            return;
        }
        StatusWriter.write(replicaSetClient.inNamespace(rs.metadata().namespace()), rs, o -> o.withStatus(status));
    }
}
