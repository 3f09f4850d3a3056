package io.tugboat.controllermanager.daemonset;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.DaemonSetStatus;
import io.tugboat.api.apps.DaemonSetUpdateStrategy;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.DeleteOptions;
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
import io.tugboat.controllermanager.daemonset.DaemonSetPlans.DaemonPod;
import io.tugboat.controllermanager.daemonset.DaemonSetPlans.NodePods;
import io.tugboat.controllermanager.history.ControllerHistory;
import io.tugboat.controllermanager.history.RevisionHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod of a DaemonSet on every eligible node (Kubernetes' {@code daemon_controller.go} and
 * {@code update.go}).
 *
 * <pre>
 *   reconcile("kube-system/agent"):
 *     ds = cache                               gone?  forget its expectations, done
 *     pods = claim(pods of the namespace)      adopt matching orphans, release strays
 *     revision = history.ensure(template)      the ControllerRevision of the current template; its hash labels
 *                                              the pods stamped from it
 *     expectations met?                        no: the cache lags our own writes — skip to the status
 *       ├─ per node: eligibility × pods there  ─▶ create / delete ({@link DaemonSetPlans#forNode})
 *       ├─ pods on nodes that no longer exist  ─▶ delete (no kubelet will ever stop them: grace 0)
 *       └─ RollingUpdate: replace old pods within maxUnavailable / maxSurge ({@link DaemonSetPlans#rollingUpdate})
 *     prune revisions beyond revisionHistoryLimit that no pod runs
 *     status = desired, current, ready, updated, available, unavailable, misscheduled, observedGeneration
 * </pre>
 *
 * With {@code OnDelete} the controller never deletes an old pod for being old: the user deletes it, and its
 * replacement is stamped from the current template. Pods are created unbound with an affinity to their node; the
 * scheduler binds them. Creates and deletes are Events on the DaemonSet ({@code SuccessfulCreate},
 * {@code FailedCreate}, {@code SuccessfulDelete}, {@code FailedDelete}), as in Kubernetes.
 */
public final class DaemonSetController implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(DaemonSetController.class);

    /** The runner's name and the Events' component, as in Kubernetes. */
    public static final String NAME = "daemonset-controller";

    private final Lister<DaemonSet> daemonSets;
    private final Lister<Pod> pods;
    private final Lister<Node> nodes;
    private final Lister<ControllerRevision> revisions;
    private final ObjectClient<DaemonSet> daemonSetClient;
    private final ObjectClient<Pod> podClient;
    private final ObjectClient<ControllerRevision> revisionClient;
    private final EventRecorder events;
    private final Clock clock;
    private final Expectations expectations;

    public DaemonSetController(Lister<DaemonSet> daemonSets, Lister<Pod> pods, Lister<Node> nodes,
                               Lister<ControllerRevision> revisions, ObjectClient<DaemonSet> daemonSetClient,
                               ObjectClient<Pod> podClient, ObjectClient<ControllerRevision> revisionClient,
                               EventRecorder events, Clock clock) {
        this.daemonSets = daemonSets;
        this.pods = pods;
        this.nodes = nodes;
        this.revisions = revisions;
        this.daemonSetClient = daemonSetClient;
        this.podClient = podClient;
        this.revisionClient = revisionClient;
        this.events = events;
        this.clock = clock;
        this.expectations = new Expectations(clock);
    }

    /**
     * The controller wired to shared informers for DaemonSets, Pods, Nodes and ControllerRevisions, ready to
     * {@link ControllerRunner#start()}. Call before {@code informers.start()}.
     *
     * @param workers how many DaemonSets are reconciled at once ({@code --concurrent-daemonset-syncs}, 2 in
     *                Kubernetes)
     */
    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, EventRecorder events,
                                             Clock clock, int workers) {
        SharedInformer<DaemonSet> dsInformer = informers.informerFor(ResourceKinds.DAEMON_SETS);
        SharedInformer<Pod> podInformer = informers.informerFor(ResourceKinds.PODS);
        SharedInformer<Node> nodeInformer = informers.informerFor(ResourceKinds.NODES);
        SharedInformer<ControllerRevision> revisionInformer = informers.informerFor(ResourceKinds.CONTROLLER_REVISIONS);
        DaemonSetController controller = new DaemonSetController(dsInformer.lister(), podInformer.lister(),
                nodeInformer.lister(), revisionInformer.lister(), client.resources(ResourceKinds.DAEMON_SETS),
                client.resources(ResourceKinds.PODS), client.resources(ResourceKinds.CONTROLLER_REVISIONS), events, clock);
        Lister<DaemonSet> lister = dsInformer.lister();
        return ControllerRunner.builder(NAME, controller)
                .watches(dsInformer::hasSynced, enqueue -> dsInformer.addEventHandler(
                        DaemonSetEventHandlers.forDaemonSets(controller.expectations, enqueue)))
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(
                        new DaemonSetEventHandlers.ForPods(lister, controller.expectations, enqueue)))
                .watches(nodeInformer::hasSynced, enqueue -> nodeInformer.addEventHandler(
                        DaemonSetEventHandlers.forNodes(lister, enqueue)))
                .watches(revisionInformer::hasSynced, enqueue -> revisionInformer.addEventHandler(
                        DaemonSetEventHandlers.forRevisions(lister, enqueue)))
                .workers(workers)
                .clock(clock)
                .build();
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException, InterruptedException {
        ObjectKey id = Keys.split(key);
        Optional<DaemonSet> found = daemonSets.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            expectations.forget(key);
            return ReconcileResult.done();
        }
        DaemonSet ds = found.get();
        Selector selector = Selector.fromLabelSelector(ds.spec().selector());
        if (selector.isEmpty()) {
            log.warn("DaemonSet {} has an empty selector; refusing to select every pod of its namespace", key);
            return ReconcileResult.done();
        }
        if (ds.metadata().deletionTimestamp() != null) {
            return ReconcileResult.done(); // the garbage collector removes its pods and revisions
        }
        boolean needsSync = expectations.satisfied(key);
        OwnerReference ref = ControllerRefs.newControllerRef(ds, DaemonSet.API_VERSION, DaemonSet.KIND);
        List<Pod> owned = new ControllerRefManager<>(podClient, ds.metadata(), ref, selector,
                ControllerRefs.adoptionCheck(daemonSetClient, ds)).claim(pods.list(id.namespace(), Selector.everything()));
        List<ControllerRevision> ownedRevisions = new ControllerRefManager<>(revisionClient, ds.metadata(), ref, selector,
                ControllerRefs.adoptionCheck(daemonSetClient, ds)).claim(revisions.list(id.namespace(), Selector.everything()));

        RevisionHistory.Synced history;
        try {
            history = new RevisionHistory(revisionClient).ensure(ds, ref, ds.spec().template().metadata() == null
                            ? null : ds.spec().template().metadata().labels(),
                    ControllerHistory.patchFor(ds.spec().template()), collisionCount(ds), ownedRevisions);
        } catch (RevisionHistory.Collision collision) {
            // Another revision holds our hash's name: a new collisionCount gives a new hash on the next pass.
            DaemonSetStatus status = ds.status() == null ? emptyStatus() : ds.status();
            updateStatus(ds, status.withCollisionCount(collisionCount(ds) == null ? 1 : collisionCount(ds) + 1));
            throw conflict(collision.getMessage());
        }
        String hash = ControllerHistory.hashOf(history.update());

        List<Node> nodeList = nodes.list(Selector.everything());
        Map<String, List<Pod>> byNode = byNode(owned);
        ApiException manageError = null;
        if (needsSync) {
            try {
                manage(key, ds, ref, hash, nodeList, byNode);
            } catch (ApiException e) {
                manageError = e;
            }
        }
        Set<String> liveHashes = owned.stream().map(p -> labels(p).get(ControllerHistory.HASH_LABEL))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        new RevisionHistory(revisionClient).prune(history.all(), liveHashes, Set.of(history.update().metadata().name()),
                ds.spec().revisionHistoryLimit() == null ? 10 : ds.spec().revisionHistoryLimit());

        DaemonSetStatus status = calculateStatus(ds, nodeList, byNode, hash, clock.instant());
        updateStatus(ds, status);
        if (manageError != null) {
            throw manageError;
        }
        int minReadySeconds = minReadySeconds(ds);
        if (minReadySeconds > 0 && status.numberReady() > status.numberAvailable()) {
            return ReconcileResult.requeueAfter(Duration.ofSeconds(minReadySeconds)); // time makes pods available
        }
        if (!needsSync) {
            return ReconcileResult.requeueAfter(expectations.timeToExpiry(key));
        }
        return ReconcileResult.done();
    }

    /** Creates and deletes what the plans call for. */
    private void manage(String key, DaemonSet ds, OwnerReference ref, String hash, List<Node> nodeList,
                        Map<String, List<Pod>> byNode) throws ApiException {
        Instant now = clock.instant();
        int minReadySeconds = minReadySeconds(ds);
        boolean rolling = isRollingUpdate(ds);
        int desired = 0;
        for (Node node : nodeList) {
            if (DaemonPods.eligibility(ds, node).shouldRun()) {
                desired++;
            }
        }
        DaemonSetPlans.Limits limits = rolling
                ? DaemonSetPlans.resolve(ds.spec().updateStrategy().rollingUpdate() == null ? null
                        : ds.spec().updateStrategy().rollingUpdate().maxSurge(),
                        ds.spec().updateStrategy().rollingUpdate() == null ? null
                                : ds.spec().updateStrategy().rollingUpdate().maxUnavailable(), desired)
                : new DaemonSetPlans.Limits(0, 1);

        Set<String> createOn = new LinkedHashSet<>();
        Set<String> delete = new LinkedHashSet<>();
        List<NodePods> eligible = new ArrayList<>();
        Set<String> known = new java.util.HashSet<>();
        for (Node node : nodeList) {
            String name = node.metadata().name();
            known.add(name);
            DaemonPods.Eligibility eligibility = DaemonPods.eligibility(ds, node);
            List<DaemonPod> here = byNode.getOrDefault(name, List.of()).stream()
                    .map(p -> view(p, hash, ds.metadata().generation(), minReadySeconds, now)).toList();
            DaemonSetPlans.Plan plan = DaemonSetPlans.forNode(name, eligibility, here, limits.maxSurge() > 0);
            createOn.addAll(plan.createOn());
            delete.addAll(plan.delete());
            if (eligibility.shouldRun()) {
                eligible.add(new NodePods(name, here.stream().filter(p -> !p.failed()).toList()));
            }
        }
        if (rolling) {
            DaemonSetPlans.Plan plan = DaemonSetPlans.rollingUpdate(eligible, limits.maxSurge(), limits.maxUnavailable());
            createOn.addAll(plan.createOn());
            delete.addAll(plan.delete());
        }
        // Pods for nodes that are gone: nothing will ever run or stop them, so they go without a grace period.
        List<Pod> orphaned = new ArrayList<>();
        byNode.forEach((node, list) -> {
            if (!known.contains(node)) {
                list.stream().filter(p -> p.metadata().deletionTimestamp() == null
                        || p.spec().nodeName() != null).forEach(orphaned::add);
            }
        });

        Map<String, Pod> byName = new HashMap<>();
        byNode.values().forEach(list -> list.forEach(p -> byName.put(p.metadata().name(), p)));
        List<Pod> doomed = new ArrayList<>(delete.stream().map(byName::get).filter(Objects::nonNull).toList());
        ApiException first = null;
        if (!createOn.isEmpty()) {
            expectations.expectCreations(key, createOn.size());
            for (String node : createOn) {
                try {
                    Pod created = podClient.inNamespace(ds.metadata().namespace())
                            .create(DaemonPods.newPod(ds, ref, node, hash));
                    events.event(ds, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: %s",
                            created.metadata().name());
                } catch (ApiException e) {
                    expectations.creationObserved(key);
                    events.event(ds, EventRecorder.WARNING, "FailedCreate", "Error creating: %s", e.getMessage());
                    first = first == null ? e : first;
                }
            }
        }
        List<Pod> allDoomed = new ArrayList<>(doomed);
        allDoomed.addAll(orphaned);
        if (!allDoomed.isEmpty()) {
            expectations.expectDeletions(key, allDoomed.stream().map(Keys::keyOf).toList());
        }
        for (Pod pod : allDoomed) {
            DeleteOptions options = orphaned.contains(pod) ? new DeleteOptions(null, null, 0L, null, null, null, null) : null;
            try {
                podClient.inNamespace(ds.metadata().namespace()).delete(pod.metadata().name(), options);
                events.event(ds, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: %s", pod.metadata().name());
            } catch (ApiException e) {
                expectations.deletionObserved(key, Keys.keyOf(pod));
                if (!(e instanceof ApiException.NotFoundException)) {
                    events.event(ds, EventRecorder.WARNING, "FailedDelete", "Error deleting: %s", e.getMessage());
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static DaemonPod view(Pod pod, String hash, Long generation, int minReadySeconds, Instant now) {
        return new DaemonPod(pod.metadata().name(), DaemonPods.isUpdated(pod, hash, generation),
                Pods.isAvailable(pod, minReadySeconds, now), pod.metadata().deletionTimestamp() != null,
                Pods.isFinished(pod), pod.metadata().creationTimestamp());
    }

    /** The claimed pods by the node they are for; pods for no node at all are left out. */
    static Map<String, List<Pod>> byNode(List<Pod> owned) {
        Map<String, List<Pod>> out = new HashMap<>();
        for (Pod pod : owned) {
            String node = DaemonPods.targetNode(pod);
            if (node != null) {
                out.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
            }
        }
        return out;
    }

    /**
     * The status as {@code kubectl rollout status} reads it. Per eligible node the oldest live pod counts (ready,
     * available, updated); a pod on a node that should not run one is misscheduled.
     */
    static DaemonSetStatus calculateStatus(DaemonSet ds, List<Node> nodeList, Map<String, List<Pod>> byNode,
                                           String hash, Instant now) {
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        int minReadySeconds = minReadySeconds(ds);
        for (Node node : nodeList) {
            boolean shouldRun = DaemonPods.eligibility(ds, node).shouldRun();
            List<Pod> live = byNode.getOrDefault(node.metadata().name(), List.of()).stream()
                    .filter(p -> p.metadata().deletionTimestamp() == null && Pods.isActive(p))
                    .sorted(Comparator.comparing((Pod p) -> p.metadata().creationTimestamp(),
                            Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();
            if (shouldRun) {
                desired++;
                if (live.isEmpty()) {
                    continue;
                }
                current++;
                Pod oldest = live.get(0);
                if (Pods.isReady(oldest)) {
                    ready++;
                    if (Pods.isAvailable(oldest, minReadySeconds, now)) {
                        available++;
                    }
                }
                if (DaemonPods.isUpdated(oldest, hash, ds.metadata().generation())) {
                    updated++;
                }
            } else if (!live.isEmpty()) {
                misscheduled++;
            }
        }
        return new DaemonSetStatus(current, misscheduled, desired, ready, ds.metadata().generation(), updated,
                available, desired - available, collisionCount(ds), ds.status() == null ? null : ds.status().conditions());
    }

    private void updateStatus(DaemonSet ds, DaemonSetStatus status) throws ApiException {
        if (Objects.equals(ds.status(), status)) {
            return;
        }
        StatusWriter.write(daemonSetClient.inNamespace(ds.metadata().namespace()), ds, o -> o.withStatus(status));
    }

    private static boolean isRollingUpdate(DaemonSet ds) {
        DaemonSetUpdateStrategy strategy = ds.spec().updateStrategy();
        return strategy == null || strategy.type() == null || "RollingUpdate".equals(strategy.type());
    }

    private static int minReadySeconds(DaemonSet ds) {
        return ds.spec().minReadySeconds() == null ? 0 : ds.spec().minReadySeconds();
    }

    private static Integer collisionCount(DaemonSet ds) {
        return ds.status() == null ? null : ds.status().collisionCount();
    }

    private static DaemonSetStatus emptyStatus() {
        return new DaemonSetStatus(0, 0, 0, 0, null, 0, 0, 0, null, null);
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
    }

    static ApiException conflict(String message) {
        return new ApiException.ConflictException(new io.tugboat.api.meta.Status("v1", "Status", null, "Failure",
                message, "Conflict", null, 409));
    }
}
