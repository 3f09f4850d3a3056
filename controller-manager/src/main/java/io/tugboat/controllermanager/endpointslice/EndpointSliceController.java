package io.tugboat.controllermanager.endpointslice;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.discovery.EndpointSlice;
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
import io.tugboat.controllermanager.RunnerController;
import io.tugboat.controllermanager.endpoint.EndpointsController;
import io.tugboat.controllermanager.endpoint.ServicePods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps each Service's discovery.k8s.io/v1 EndpointSlices equal to the pods its selector matches: Kubernetes'
 * EndpointSlice controller. Keys are Service keys; the decision is {@link SlicePlanner}'s, this class reads the
 * listers and writes the plan.
 *
 * <pre>
 *   reconcile("default/web"):
 *     writes of ours the slice cache has not shown yet?   wait for them (requeue): never plan on a stale cache
 *     Service gone?                                       delete its slices (the garbage collector would too); done
 *     no selector, or ExternalName?                       leave slices alone; done
 *     plan = planner.plan(service, pods matching the selector, slices labelled for it and managed by us)
 *     create / update / delete as planned, remembering the resourceVersion each write produced
 * </pre>
 *
 * <p>Why the wait: slices are named by the API server ({@code generateName}), so a reconcile that ran before the
 * informer showed the slice just created would not see it and would create a second one with the same
 * endpoints. Kubernetes' {@code EndpointSliceTracker} guards against this the same way: every write is
 * remembered until the informer delivers it (or the deletion), and a Service with writes still in flight is
 * requeued.
 */
public final class EndpointSliceController implements Reconciler {
    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "endpointslice-controller";
    /** kube-controller-manager's {@code --concurrent-service-endpoint-syncs} default. */
    static final int WORKERS = 5;
    static final Duration STALE_RETRY = Duration.ofSeconds(1);
    private static final long DELETED = SliceWrites.DELETED;

    private final Lister<Service> services;
    private final Lister<Pod> pods;
    private final Lister<EndpointSlice> slices;
    private final ObjectClient<EndpointSlice> client;
    private final SlicePlanner planner;
    private final SliceWrites writes;

    public EndpointSliceController(Lister<Service> services, Lister<Pod> pods, Lister<EndpointSlice> slices,
                                   ObjectClient<EndpointSlice> client, SlicePlanner planner) {
        this.services = services;
        this.pods = pods;
        this.slices = slices;
        this.client = client;
        this.planner = planner;
        this.writes = new SliceWrites(slices);
    }

    /** The controller on the shared Service, Pod and EndpointSlice informers. */
    public static Controller create(ControllerContext context) {
        SharedInformer<Service> serviceInformer = context.informers().informerFor(ResourceKinds.SERVICES);
        SharedInformer<Pod> podInformer = context.informers().informerFor(ResourceKinds.PODS);
        SharedInformer<EndpointSlice> sliceInformer = context.informers().informerFor(ResourceKinds.ENDPOINT_SLICES);
        EndpointSliceController controller = new EndpointSliceController(serviceInformer.lister(), podInformer.lister(),
                sliceInformer.lister(), context.client().resources(ResourceKinds.ENDPOINT_SLICES),
                new SlicePlanner(SlicePlanner.DEFAULT_MAX_ENDPOINTS));
        ControllerRunner runner = ControllerRunner.builder(NAME, controller)
                .workers(WORKERS)
                .clock(context.clock())
                .watches(serviceInformer::hasSynced,
                        enqueue -> serviceInformer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(
                        new EndpointsController.PodServices(serviceInformer.lister(), enqueue)))
                .watches(sliceInformer::hasSynced, enqueue -> sliceInformer.addEventHandler(controller.eventHandler(enqueue)))
                .build();
        return new RunnerController(runner);
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        if (hasWritesInFlight(key)) {
            return ReconcileResult.requeueAfter(STALE_RETRY);
        }
        ObjectClient<EndpointSlice> namespaced = client.inNamespace(id.namespace());
        List<EndpointSlice> existing = slices.list(id.namespace(), Selector.of(Map.of(
                EndpointSlice.SERVICE_NAME_LABEL, id.name(), EndpointSlice.MANAGED_BY_LABEL, SlicePlanner.CONTROLLER_NAME), null));
        Optional<Service> found = services.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            for (EndpointSlice slice : existing) {
                delete(key, namespaced, slice);
            }
            return ReconcileResult.done();
        }
        Service service = found.get();
        if (!ServicePods.isManaged(service)) {
            return ReconcileResult.done();
        }
        SlicePlan plan = planner.plan(service, pods.list(id.namespace(), ServicePods.selector(service)), existing);
        for (EndpointSlice slice : plan.deletes()) {
            delete(key, namespaced, slice);
        }
        for (EndpointSlice slice : plan.updates()) {
            EndpointSlice written = namespaced.update(slice);
            expect(key, id.namespace(), written.metadata().name(), Long.parseLong(written.metadata().resourceVersion()));
        }
        for (EndpointSlice slice : plan.creates()) {
            EndpointSlice written = namespaced.create(slice);
            expect(key, id.namespace(), written.metadata().name(), Long.parseLong(written.metadata().resourceVersion()));
        }
        return ReconcileResult.done();
    }

    private void delete(String serviceKey, ObjectClient<EndpointSlice> namespaced, EndpointSlice slice) throws ApiException {
        try {
            namespaced.delete(slice.metadata().name(), null);
        } catch (ApiException.NotFoundException e) {
            return;
        }
        expect(serviceKey, slice.metadata().namespace(), slice.metadata().name(), DELETED);
    }

    private void expect(String serviceKey, String namespace, String slice, long resourceVersion) {
        writes.expect(serviceKey, namespace, slice, resourceVersion);
    }

    private boolean hasWritesInFlight(String serviceKey) {
        return writes.inFlight(serviceKey);
    }

    private void observed(String serviceKey, String slice, long resourceVersion) {
        writes.observed(serviceKey, slice, resourceVersion);
    }

    private static long version(EndpointSlice slice) {
        return SliceWrites.version(slice);
    }

    /** The Service key a slice of ours belongs to, or null for slices managed by someone else. */
    private static String serviceKey(EndpointSlice slice) {
        Map<String, String> labels = slice.metadata().labels();
        if (labels == null || !SlicePlanner.CONTROLLER_NAME.equals(labels.get(EndpointSlice.MANAGED_BY_LABEL))
                || labels.get(EndpointSlice.SERVICE_NAME_LABEL) == null) {
            return null;
        }
        return Keys.keyOf(slice.metadata().namespace(), labels.get(EndpointSlice.SERVICE_NAME_LABEL));
    }

    /** The handler for the slice informer: it clears confirmed writes and enqueues Service keys. */
    ResourceEventHandler<EndpointSlice> eventHandler(Consumer<String> enqueue) {
        return new OnSlices(enqueue);
    }

    /** Slice changes clear the writes they confirm and wake the Service (someone may have edited a slice). */
    private final class OnSlices implements ResourceEventHandler<EndpointSlice> {
        private final Consumer<String> enqueue;

        OnSlices(Consumer<String> enqueue) {
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(EndpointSlice slice) {
            changed(slice, version(slice));
        }

        @Override
        public void onUpdate(EndpointSlice oldSlice, EndpointSlice slice) {
            changed(slice, version(slice));
            String before = serviceKey(oldSlice);
            if (before != null && !before.equals(serviceKey(slice))) {
                // Relabelled away from its Service (or from us): that Service's wait for it ends here too.
                observed(before, slice.metadata().name(), DELETED);
                enqueue.accept(before);
            }
        }

        @Override
        public void onDelete(Deleted<EndpointSlice> deleted) {
            changed(deleted.lastKnown(), DELETED);
        }

        private void changed(EndpointSlice slice, long resourceVersion) {
            String key = serviceKey(slice);
            if (key != null) {
                observed(key, slice.metadata().name(), resourceVersion);
                enqueue.accept(key);
            }
        }
    }
}
