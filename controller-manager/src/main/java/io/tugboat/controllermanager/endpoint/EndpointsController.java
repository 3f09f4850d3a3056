package io.tugboat.controllermanager.endpoint;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.controllermanager.Controller;
import io.tugboat.controllermanager.ControllerContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps each Service's core/v1 {@code Endpoints} (same namespace and name) equal to the pods its selector
 * matches: Kubernetes' endpoints controller. Keys are Service keys ({@code ns/name}).
 *
 * <pre>
 *   reconcile("default/web"):
 *     Service gone?                         delete Endpoints default/web (if any); done
 *     no selector, or type ExternalName?    leave Endpoints alone (they are someone else's); done
 *     cache older than our last write?      requeue: computing on it would only lose a compare-and-swap
 *     pods = pods in default matching the selector          (from the lister)
 *     subsets = EndpointSubsets.of(service, pods)           (pure: see there)
 *     labels = the Service's labels (+ service.kubernetes.io/headless="" when clusterIP is None)
 *     Endpoints missing?                    create it
 *     subsets or labels differ?             update it
 * </pre>
 * Woken by Service changes (its own key), by pod changes (the keys of the Services whose selector matches the
 * pod before or after the change) and by changes of the Endpoints themselves (see {@link OnEndpoints}).
 */
public final class EndpointsController implements Reconciler {
    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "endpoints-controller";
    /** The label Kubernetes puts on the Endpoints (and EndpointSlices) of a headless Service. */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    /** kube-controller-manager's {@code --concurrent-endpoint-syncs} default. */
    static final int WORKERS = 5;

    /** How long a write of ours may stay unseen by the lister before we stop waiting for it. */
    static final Duration WRITE_WAIT = Duration.ofSeconds(5);

    private final Lister<Service> services;
    private final Lister<Pod> pods;
    private final Lister<Endpoints> endpoints;
    private final ObjectClient<Endpoints> client;
    private final Clock clock;
    /**
     * Service key → the resourceVersion of our last write and when it was made. Kubernetes'
     * {@code staleEndpointsTracker}: while the lister shows an older copy, a reconcile would only compute on
     * stale data and lose a compare-and-swap, so it waits for the informer (whose event wakes the Service
     * again), for at most {@link #WRITE_WAIT}.
     */
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private record Written(long resourceVersion, Instant at) {
    }

    public EndpointsController(Lister<Service> services, Lister<Pod> pods, Lister<Endpoints> endpoints,
                               ObjectClient<Endpoints> client, Clock clock) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.client = client;
        this.clock = clock;
    }

    /** The controller on the shared Service, Pod and Endpoints informers. */
    public static Controller create(ControllerContext context) {
        SharedInformer<Service> serviceInformer = context.informers().informerFor(ResourceKinds.SERVICES);
        SharedInformer<Pod> podInformer = context.informers().informerFor(ResourceKinds.PODS);
        SharedInformer<Endpoints> endpointsInformer = context.informers().informerFor(ResourceKinds.ENDPOINTS);
        EndpointsController controller = new EndpointsController(serviceInformer.lister(), podInformer.lister(),
                endpointsInformer.lister(), context.client().resources(ResourceKinds.ENDPOINTS), context.clock());
        ControllerRunner runner = ControllerRunner.builder(NAME, controller)
                .workers(WORKERS)
                .clock(context.clock())
                .watches(serviceInformer::hasSynced,
                        enqueue -> serviceInformer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .watches(podInformer::hasSynced,
                        enqueue -> podInformer.addEventHandler(new PodServices(serviceInformer.lister(), enqueue)))
                .watches(endpointsInformer::hasSynced, enqueue -> endpointsInformer.addEventHandler(
                        new OnEndpoints(serviceInformer.lister(), enqueue)))
                .build();
        return new Controller() {
            @Override
            public void start() throws InterruptedException, java.util.concurrent.TimeoutException {
                runner.start(); // returns once the caches have synced
                controller.leftovers().forEach(runner::enqueue);
            }

            @Override
            public void stop() {
                runner.stop();
            }
        };
    }

    /** The annotation of the Endpoints objects old leader elections locked on; they have no Service. */
    static final String LEADER_ANNOTATION = "control-plane.alpha.kubernetes.io/leader";

    /**
     * Kubernetes' {@code checkLeftoverEndpoints}, run once at start: the keys of Endpoints whose Service is gone
     * (deleted while no controller was running), so that their reconcile deletes them. Only at start: later, an
     * Endpoints object without a Service may be one written by hand ahead of its Service.
     */
    List<String> leftovers() {
        List<String> keys = new java.util.ArrayList<>();
        for (Endpoints ep : endpoints.list(Selector.everything())) {
            Map<String, String> annotations = ep.metadata().annotations();
            if (annotations != null && annotations.containsKey(LEADER_ANNOTATION)) {
                continue;
            }
            if (services.get(ep.metadata().namespace(), ep.metadata().name()).isEmpty()) {
                keys.add(Keys.keyOf(ep));
            }
        }
        return keys;
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Optional<Service> found = services.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            written.remove(key);
            try {
                client.inNamespace(id.namespace()).delete(id.name(), null);
            } catch (ApiException.NotFoundException e) {
                // nothing to clean up
            }
            return ReconcileResult.done();
        }
        Service service = found.get();
        if (!ServicePods.isManaged(service)) {
            return ReconcileResult.done();
        }
        Optional<Endpoints> current = endpoints.get(id.namespace(), id.name());
        if (awaitingOwnWrite(key, current)) {
            return ReconcileResult.requeueAfter(Duration.ofMillis(500));
        }
        List<Pod> matching = pods.list(id.namespace(), ServicePods.selector(service));
        List<EndpointSubset> subsets = EndpointSubsets.of(service, matching);
        Map<String, String> labels = labels(service);
        ObjectClient<Endpoints> namespaced = client.inNamespace(id.namespace());
        List<EndpointSubset> stored = subsets.isEmpty() ? null : subsets;
        // No labels are written as none, not as {} (Kubernetes' storage cannot tell them apart, so kubectl shows none).
        Map<String, String> storedLabels = labels.isEmpty() ? null : labels;
        if (current.isEmpty()) {
            ObjectMeta meta = new ObjectMeta(id.name(), null, id.namespace(), null, null, null, null, null, null, null,
                    storedLabels, null, null, null);
            remember(key, namespaced.create(Endpoints.of(meta, stored)));
            return ReconcileResult.done();
        }
        Endpoints existing = current.get();
        if (sameSubsets(existing.subsets(), subsets) && labels.equals(orEmpty(existing.metadata().labels()))) {
            return ReconcileResult.done();
        }
        remember(key, namespaced.update(existing.withMetadata(existing.metadata().withLabels(storedLabels)).withSubsets(stored)));
        return ReconcileResult.done();
    }

    private void remember(String key, Endpoints stored) {
        written.put(key, new Written(version(stored), clock.instant()));
    }

    /** Whether the lister still shows a copy older than our last write (absent counts as older), recently made. */
    private boolean awaitingOwnWrite(String key, Optional<Endpoints> cached) {
        Written last = written.get(key);
        if (last == null) {
            return false;
        }
        boolean seen = cached.isPresent() && version(cached.get()) >= last.resourceVersion();
        if (seen || clock.instant().isAfter(last.at().plus(WRITE_WAIT))) {
            written.remove(key, last);
            return false;
        }
        return true;
    }

    private static long version(Endpoints endpoints) {
        String rv = endpoints.metadata().resourceVersion();
        try {
            return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The Service's labels, plus the headless marker when it has no cluster IP (as Kubernetes labels them). */
    public static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>(orEmpty(service.metadata().labels()));
        labels.remove(HEADLESS_LABEL);
        if (ServicePods.isHeadless(service)) {
            labels.put(HEADLESS_LABEL, "");
        }
        return labels;
    }

    private static boolean sameSubsets(List<EndpointSubset> current, List<EndpointSubset> desired) {
        return Objects.equals(current == null ? List.of() : current, desired);
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    /**
     * Endpoints changes wake their Service: a deleted one is put back, and a changed one is checked again. The
     * latter matters because the lister may lag our own writes: a reconcile that found the cached copy already
     * right (while the write it was made stale by was in flight) is followed by one that sees the write arrive.
     * Endpoints without a Service of their name are not enqueued on add or update: they may be written by hand
     * ahead of their Service, and a reconcile of a missing Service deletes its Endpoints.
     */
    static final class OnEndpoints implements ResourceEventHandler<Endpoints> {
        private final Lister<Service> services;
        private final Consumer<String> enqueue;

        OnEndpoints(Lister<Service> services, Consumer<String> enqueue) {
            this.services = services;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(Endpoints endpoints) {
            maybeEnqueue(endpoints);
        }

        @Override
        public void onUpdate(Endpoints oldEndpoints, Endpoints endpoints) {
            maybeEnqueue(endpoints);
        }

        @Override
        public void onDelete(Deleted<Endpoints> deleted) {
            enqueue.accept(deleted.key());
        }

        private void maybeEnqueue(Endpoints endpoints) {
            if (services.get(endpoints.metadata().namespace(), endpoints.metadata().name()).isPresent()) {
                enqueue.accept(Keys.keyOf(endpoints));
            }
        }
    }

    /**
     * Maps a pod change to the Services that select the pod, before or after it (a relabelled pod leaves one
     * Service and joins another): Kubernetes' {@code GetPodServiceMemberships}.
     */
    public static final class PodServices implements ResourceEventHandler<Pod> {
        private final Lister<Service> services;
        private final Consumer<String> enqueue;

        public PodServices(Lister<Service> services, Consumer<String> enqueue) {
            this.services = services;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(Pod pod) {
            keysFor(pod).forEach(enqueue);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod pod) {
            Set<String> keys = keysFor(oldPod);
            keys.addAll(keysFor(pod));
            keys.forEach(enqueue);
        }

        @Override
        public void onDelete(Deleted<Pod> deleted) {
            keysFor(deleted.lastKnown()).forEach(enqueue);
        }

        Set<String> keysFor(Pod pod) {
            Set<String> keys = new LinkedHashSet<>();
            for (Service service : services.list(pod.metadata().namespace(), Selector.everything())) {
                if (ServicePods.selects(service, pod)) {
                    keys.add(Keys.keyOf(service));
                }
            }
            return keys;
        }
    }
}
