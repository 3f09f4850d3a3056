package io.tugboat.controllermanager.endpointslice;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.discovery.Endpoint;
import io.tugboat.api.discovery.EndpointConditions;
import io.tugboat.api.discovery.EndpointPort;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.OwnerReference;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Mirrors the hand-written Endpoints of a Service without selector into EndpointSlices, so that readers of
 * slices ({@code kubectl describe svc}) see them too: Kubernetes' {@code endpointslice-mirroring-controller}.
 * Keys are Service (= Endpoints) keys.
 *
 * <pre>
 *   reconcile("default/db"):
 *     own writes not in the cache yet?                          requeue
 *     Service exists, has no selector, Endpoints exist and are
 *     not labelled endpointslice.kubernetes.io/skip-mirror=true?  no: delete the slices mirrored for it; done
 *     wanted = each subset's addresses (ready) and notReadyAddresses (not ready), with the subset's ports
 *     plan with SlicePlanner, owner = the Endpoints, managed-by endpointslicemirroring-controller.k8s.io
 * </pre>
 * Mirrored endpoints carry only {@code ready}, {@code hostname}, {@code nodeName} and {@code targetRef}, as in
 * Kubernetes; no placeholder slice is kept for empty Endpoints. IPv4 addresses only.
 */
public final class EndpointSliceMirroringController implements Reconciler {
    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "endpointslice-mirroring-controller";
    /** The {@code managed-by} value of mirrored slices. */
    public static final String MANAGED_BY = "endpointslicemirroring-controller.k8s.io";
    /** Endpoints labelled with this ({@code "true"}) are not mirrored. */
    public static final String SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";

    private final Lister<Service> services;
    private final Lister<Endpoints> endpoints;
    private final Lister<EndpointSlice> slices;
    private final ObjectClient<EndpointSlice> client;
    private final SlicePlanner planner;
    private final SliceWrites writes;

    public EndpointSliceMirroringController(Lister<Service> services, Lister<Endpoints> endpoints,
                                            Lister<EndpointSlice> slices, ObjectClient<EndpointSlice> client,
                                            SlicePlanner planner) {
        this.services = services;
        this.endpoints = endpoints;
        this.slices = slices;
        this.client = client;
        this.planner = planner;
        this.writes = new SliceWrites(slices);
    }

    /** The controller on the shared Service, Endpoints and EndpointSlice informers. */
    public static Controller create(ControllerContext context) {
        SharedInformer<Service> serviceInformer = context.informers().informerFor(ResourceKinds.SERVICES);
        SharedInformer<Endpoints> endpointsInformer = context.informers().informerFor(ResourceKinds.ENDPOINTS);
        SharedInformer<EndpointSlice> sliceInformer = context.informers().informerFor(ResourceKinds.ENDPOINT_SLICES);
        EndpointSliceMirroringController controller = new EndpointSliceMirroringController(serviceInformer.lister(),
                endpointsInformer.lister(), sliceInformer.lister(), context.client().resources(ResourceKinds.ENDPOINT_SLICES),
                new SlicePlanner(SlicePlanner.DEFAULT_MAX_ENDPOINTS));
        ControllerRunner runner = ControllerRunner.builder(NAME, controller)
                .workers(EndpointSliceController.WORKERS)
                .clock(context.clock())
                .watches(serviceInformer::hasSynced,
                        enqueue -> serviceInformer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .watches(endpointsInformer::hasSynced,
                        enqueue -> endpointsInformer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .watches(sliceInformer::hasSynced, enqueue -> sliceInformer.addEventHandler(controller.eventHandler(enqueue)))
                .build();
        return new RunnerController(runner);
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        if (writes.inFlight(key)) {
            return ReconcileResult.requeueAfter(EndpointSliceController.STALE_RETRY);
        }
        ObjectKey id = Keys.split(key);
        ObjectClient<EndpointSlice> namespaced = client.inNamespace(id.namespace());
        List<EndpointSlice> existing = slices.list(id.namespace(), Selector.of(Map.of(
                EndpointSlice.SERVICE_NAME_LABEL, id.name(), EndpointSlice.MANAGED_BY_LABEL, MANAGED_BY), null));
        Optional<Service> service = services.get(id.namespace(), id.name());
        Optional<Endpoints> found = endpoints.get(id.namespace(), id.name());
        boolean mirror = service.isPresent() && !hasSelector(service.get()) && found.isPresent()
                && !"true".equals(label(found.get(), SKIP_MIRROR_LABEL));
        SlicePlan plan;
        if (mirror) {
            Endpoints ep = found.get();
            OwnerReference owner = new OwnerReference(Endpoints.API_VERSION, Endpoints.KIND, id.name(),
                    ep.metadata().uid(), true, true);
            plan = planner.plan(new SlicePlanner.SliceOwner(id.namespace(), id.name(), owner, labels(ep), false),
                    wanted(ep), existing);
        } else {
            plan = new SlicePlan(List.of(), List.of(), existing);
        }
        for (EndpointSlice slice : plan.deletes()) {
            try {
                namespaced.delete(slice.metadata().name(), null);
                writes.expect(key, id.namespace(), slice.metadata().name(), SliceWrites.DELETED);
            } catch (ApiException.NotFoundException e) {
                // already gone
            }
        }
        for (EndpointSlice slice : plan.updates()) {
            EndpointSlice written = namespaced.update(slice);
            writes.expect(key, id.namespace(), written.metadata().name(), SliceWrites.version(written));
        }
        for (EndpointSlice slice : plan.creates()) {
            EndpointSlice written = namespaced.create(slice);
            writes.expect(key, id.namespace(), written.metadata().name(), SliceWrites.version(written));
        }
        return ReconcileResult.done();
    }

    /** Each subset's ports, with its ready and not-ready addresses as endpoints (IPv4 only). */
    static Map<List<EndpointPort>, Map<String, Endpoint>> wanted(Endpoints ep) {
        Map<List<EndpointPort>, Map<String, Endpoint>> wanted = new LinkedHashMap<>();
        for (EndpointSubset subset : ep.subsets() == null ? List.<EndpointSubset>of() : ep.subsets()) {
            List<EndpointPort> ports = new ArrayList<>();
            for (io.tugboat.api.core.EndpointPort p : subset.ports() == null ? List.<io.tugboat.api.core.EndpointPort>of() : subset.ports()) {
                ports.add(new EndpointPort(p.name() == null ? "" : p.name(), p.protocol() == null ? "TCP" : p.protocol(),
                        p.port(), p.appProtocol()));
            }
            Map<String, Endpoint> endpoints = wanted.computeIfAbsent(List.copyOf(ports), k -> new LinkedHashMap<>());
            add(endpoints, subset.addresses(), true);
            add(endpoints, subset.notReadyAddresses(), false);
        }
        wanted.values().removeIf(Map::isEmpty);
        return wanted;
    }

    private static void add(Map<String, Endpoint> endpoints, List<EndpointAddress> addresses, boolean ready) {
        for (EndpointAddress address : addresses == null ? List.<EndpointAddress>of() : addresses) {
            if (address.ip() == null || address.ip().contains(":")) {
                continue;
            }
            Endpoint endpoint = new Endpoint(List.of(address.ip()), new EndpointConditions(ready, null, null),
                    address.hostname() == null || address.hostname().isEmpty() ? null : address.hostname(),
                    address.targetRef(), null, address.nodeName(), null, null);
            endpoints.putIfAbsent(SlicePlanner.key(endpoint), endpoint);
        }
    }

    /** The Endpoints' labels (less skip-mirror), then the Service name and {@code managed-by}. */
    static Map<String, String> labels(Endpoints ep) {
        Map<String, String> labels = new LinkedHashMap<>(ep.metadata().labels() == null ? Map.of() : ep.metadata().labels());
        labels.remove(SKIP_MIRROR_LABEL);
        labels.put(EndpointSlice.SERVICE_NAME_LABEL, ep.metadata().name());
        labels.put(EndpointSlice.MANAGED_BY_LABEL, MANAGED_BY);
        return labels;
    }

    private static boolean hasSelector(Service service) {
        return service.spec() != null && service.spec().selector() != null && !service.spec().selector().isEmpty();
    }

    private static String label(Endpoints ep, String key) {
        return ep.metadata().labels() == null ? null : ep.metadata().labels().get(key);
    }

    /** Slice changes clear confirmed writes and wake the Service the slice was mirrored for. */
    ResourceEventHandler<EndpointSlice> eventHandler(Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                changed(slice, SliceWrites.version(slice));
            }

            @Override
            public void onUpdate(EndpointSlice oldSlice, EndpointSlice slice) {
                String before = keyOf(oldSlice);
                if (before != null && !before.equals(keyOf(slice))) {
                    writes.observed(before, slice.metadata().name(), SliceWrites.DELETED);
                    enqueue.accept(before);
                }
                changed(slice, SliceWrites.version(slice));
            }

            @Override
            public void onDelete(Deleted<EndpointSlice> deleted) {
                changed(deleted.lastKnown(), SliceWrites.DELETED);
            }

            private void changed(EndpointSlice slice, long resourceVersion) {
                String key = keyOf(slice);
                if (key != null) {
                    writes.observed(key, slice.metadata().name(), resourceVersion);
                    enqueue.accept(key);
                }
            }
        };
    }

    private static String keyOf(EndpointSlice slice) {
        Map<String, String> labels = slice.metadata().labels();
        if (labels == null || !MANAGED_BY.equals(labels.get(EndpointSlice.MANAGED_BY_LABEL))
                || labels.get(EndpointSlice.SERVICE_NAME_LABEL) == null) {
            return null;
        }
        return Keys.keyOf(slice.metadata().namespace(), labels.get(EndpointSlice.SERVICE_NAME_LABEL));
    }
}
