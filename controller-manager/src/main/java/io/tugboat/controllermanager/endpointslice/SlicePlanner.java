package io.tugboat.controllermanager.endpointslice;

import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.discovery.Endpoint;
import io.tugboat.api.discovery.EndpointConditions;
import io.tugboat.api.discovery.EndpointPort;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.controllermanager.endpoint.EndpointsController;
import io.tugboat.controllermanager.endpoint.ServicePods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The pure core of the EndpointSlice controller: from a Service, the pods its selector matches and the slices
 * the controller already wrote for it, the {@link SlicePlan} that makes the slices right. Kubernetes'
 * {@code endpointslice} reconciler, without its topology hints and with a simpler packing.
 *
 * <pre>
 *   pods ──▶ one Endpoint per pod with an IPv4 IP and not finished (terminating ones too, marked so)
 *            conditions: serving = pod Ready; terminating = deletionTimestamp set;
 *                        ready = serving and not terminating, or always with publishNotReadyAddresses
 *        ──▶ grouped by their port list (a named targetPort may resolve differently per pod)
 *
 *   for each port list, over the existing slices with that port list (oldest name first):
 *     keep each slice's endpoints that are still wanted (refreshed), drop the others  → update if changed
 *     a slice left empty                                                             → delete
 *     wanted endpoints not in any slice: fill slices with room, then new slices of up to max → create
 *   slices with a port list no longer wanted, of another address type, or owned by
 *   an older Service of the same name                                                → delete
 *   no endpoints at all: keep (or create) one empty placeholder slice, as Kubernetes does
 * </pre>
 * Slices are labelled {@code kubernetes.io/service-name}, {@code endpointslice.kubernetes.io/managed-by} and the
 * Service's own labels, and owned by the Service (so the garbage collector removes them with it). Filling existing
 * slices before creating new ones keeps the number of writes per pod change at one, which is the point of
 * slicing.
 */
public final class SlicePlanner {
    /** The {@code managed-by} value of slices this controller owns. */
    public static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";
    /** kube-controller-manager's {@code --max-endpoints-per-slice} default. */
    public static final int DEFAULT_MAX_ENDPOINTS = 100;
    static final String ADDRESS_TYPE = "IPv4";

    private final int maxEndpointsPerSlice;

    public SlicePlanner(int maxEndpointsPerSlice) {
        if (maxEndpointsPerSlice < 1) {
            throw new IllegalArgumentException("maxEndpointsPerSlice must be positive: " + maxEndpointsPerSlice);
        }
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    /**
     * The writes that make {@code existing} (the slices labelled for this Service and managed by this controller)
     * match {@code pods} (those the Service's selector matches).
     */
    public SlicePlan plan(Service service, List<Pod> pods, List<EndpointSlice> existing) {
        // Port list → endpoint key → endpoint, in a stable order (by IP).
        Map<List<EndpointPort>, Map<String, Endpoint>> wanted = new LinkedHashMap<>();
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing((Pod p) -> p.status() == null || p.status().podIP() == null ? "" : p.status().podIP())
                .thenComparing(p -> p.metadata().name()));
        for (Pod pod : sorted) {
            if (!ServicePods.belongsInEndpoints(pod, true) || pod.status().podIP().contains(":")) {
                continue;
            }
            wanted.computeIfAbsent(ports(service, pod), k -> new LinkedHashMap<>()).put(key(pod), endpoint(service, pod));
        }
        OwnerReference owner = new OwnerReference(Service.API_VERSION, Service.KIND, service.metadata().name(),
                service.metadata().uid(), true, true);
        return plan(new SliceOwner(service.metadata().namespace(), service.metadata().name(), owner, labels(service), true),
                wanted, existing);
    }

    /**
     * Who the slices of one plan belong to: their namespace, the Service name they carry, their owner reference
     * and labels, and whether an owner without endpoints keeps an empty placeholder slice (the EndpointSlice
     * controller's do; mirrored ones do not).
     */
    public record SliceOwner(String namespace, String serviceName, OwnerReference reference, Map<String, String> labels,
                             boolean placeholder) {
    }

    /**
     * The general plan: make {@code existing} hold {@code wanted} (port list → endpoint key → endpoint), packed as
     * the class comment describes. Endpoint keys are {@link #key(Endpoint)}.
     */
    public SlicePlan plan(SliceOwner owner, Map<List<EndpointPort>, Map<String, Endpoint>> wanted,
                          List<EndpointSlice> existing) {
        Map<String, String> labels = owner.labels();
        List<EndpointSlice> creates = new ArrayList<>();
        List<EndpointSlice> updates = new ArrayList<>();
        List<EndpointSlice> deletes = new ArrayList<>();
        List<EndpointSlice> mine = new ArrayList<>();
        for (EndpointSlice slice : existing) {
            boolean owned = slice.metadata().ownerReferences() != null && slice.metadata().ownerReferences().stream()
                    .anyMatch(o -> Objects.equals(o.uid(), owner.reference().uid()));
            if (!owned || !ADDRESS_TYPE.equals(slice.addressType())) {
                deletes.add(slice);
            } else {
                mine.add(slice);
            }
        }
        mine.sort(Comparator.comparing(s -> s.metadata().name()));

        int kept = 0;
        for (Map.Entry<List<EndpointPort>, Map<String, Endpoint>> entry : wanted.entrySet()) {
            List<EndpointPort> ports = entry.getKey();
            Map<String, Endpoint> remaining = new LinkedHashMap<>(entry.getValue());
            List<EndpointSlice> filled = new ArrayList<>();
            List<Endpoint> left = new ArrayList<>();
            for (EndpointSlice slice : mine) {
                if (!samePorts(slice.ports(), ports)) {
                    continue;
                }
                List<Endpoint> endpoints = new ArrayList<>();
                for (Endpoint endpoint : slice.endpoints() == null ? List.<Endpoint>of() : slice.endpoints()) {
                    Endpoint fresh = remaining.remove(key(endpoint)); // null: gone, or already in an earlier slice
                    if (fresh != null) {
                        (endpoints.size() < maxEndpointsPerSlice ? endpoints : left).add(fresh);
                    }
                }
                filled.add(slice.withEndpoints(endpoints));
            }
            // Fill slices with room before making new ones.
            left.addAll(remaining.values());
            for (int i = 0; i < filled.size() && !left.isEmpty(); i++) {
                EndpointSlice slice = filled.get(i);
                List<Endpoint> endpoints = new ArrayList<>(slice.endpoints());
                while (endpoints.size() < maxEndpointsPerSlice && !left.isEmpty()) {
                    endpoints.add(left.remove(0));
                }
                filled.set(i, slice.withEndpoints(endpoints));
            }
            for (EndpointSlice slice : filled) {
                EndpointSlice original = mine.stream().filter(s -> s.metadata().name().equals(slice.metadata().name()))
                        .findFirst().orElseThrow();
                if (slice.endpoints().isEmpty()) {
                    deletes.add(original);
                    continue;
                }
                kept++;
                EndpointSlice next = slice.withPorts(ports).withMetadata(slice.metadata().withLabels(labels));
                if (!sameSlice(original, next)) {
                    updates.add(next);
                }
            }
            for (int from = 0; from < left.size(); from += maxEndpointsPerSlice) {
                creates.add(newSlice(owner, ports, left.subList(from, Math.min(left.size(), from + maxEndpointsPerSlice))));
            }
        }
        for (EndpointSlice slice : mine) {
            boolean wantedPorts = wanted.keySet().stream().anyMatch(p -> samePorts(slice.ports(), p));
            if (!wantedPorts) {
                deletes.add(slice);
            }
        }
        if (kept == 0 && creates.isEmpty() && owner.placeholder()) {
            placeholder(owner, deletes, updates, creates);
        }
        return new SlicePlan(creates, updates, deletes);
    }

    /**
     * A Service without endpoints keeps one empty slice, so that readers can tell "no endpoints" from "not
     * reconciled yet": the first empty slice among those about to be deleted is kept (emptied of ports and
     * relabelled if needed), else a new one is made.
     */
    private static void placeholder(SliceOwner owner, List<EndpointSlice> deletes, List<EndpointSlice> updates,
                                    List<EndpointSlice> creates) {
        Map<String, String> labels = owner.labels();
        for (EndpointSlice slice : deletes) {
            boolean owned = slice.metadata().ownerReferences() != null && slice.metadata().ownerReferences().stream()
                    .anyMatch(o -> Objects.equals(o.uid(), owner.reference().uid()));
            if (owned && ADDRESS_TYPE.equals(slice.addressType())) {
                deletes.remove(slice);
                EndpointSlice next = slice.withEndpoints(null).withPorts(null).withMetadata(slice.metadata().withLabels(labels));
                if (!sameSlice(slice, next)) {
                    updates.add(next);
                }
                return;
            }
        }
        creates.add(newSlice(owner, null, null));
    }

    private static EndpointSlice newSlice(SliceOwner owner, List<EndpointPort> ports, List<Endpoint> endpoints) {
        ObjectMeta meta = new ObjectMeta(null, owner.serviceName() + "-", owner.namespace(), null, null,
                null, null, null, null, null, owner.labels(), null, List.of(owner.reference()), null);
        return EndpointSlice.of(meta, ADDRESS_TYPE, endpoints == null ? null : List.copyOf(endpoints),
                ports == null || ports.isEmpty() ? ports : List.copyOf(ports));
    }

    /**
     * The Service's labels, then {@code kubernetes.io/service-name}, {@code managed-by} and the headless marker,
     * which the Service's own labels cannot override.
     */
    static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>(EndpointsController.labels(service));
        labels.put(EndpointSlice.SERVICE_NAME_LABEL, service.metadata().name());
        labels.put(EndpointSlice.MANAGED_BY_LABEL, CONTROLLER_NAME);
        return labels;
    }

    /** {@code getEndpointPorts}: each Service port the pod offers, with the pod's number. */
    static List<EndpointPort> ports(Service service, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : service.spec().ports() == null ? List.<ServicePort>of() : service.spec().ports()) {
            OptionalInt number = ServicePods.targetPort(pod, sp);
            if (number.isPresent()) {
                ports.add(new EndpointPort(sp.name() == null ? "" : sp.name(), sp.protocol() == null ? "TCP" : sp.protocol(),
                        number.getAsInt(), sp.appProtocol()));
            }
        }
        return List.copyOf(ports);
    }

    /** {@code podToEndpoint}. */
    static Endpoint endpoint(Service service, Pod pod) {
        boolean serving = ServicePods.isReady(pod);
        boolean terminating = pod.metadata().deletionTimestamp() != null;
        // Never ready while terminating, unless the Service publishes not-ready addresses.
        boolean ready = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses()) || serving && !terminating;
        return new Endpoint(List.of(pod.status().podIP()), new EndpointConditions(ready, serving, terminating),
                ServicePods.hostname(pod, service), ServicePods.targetRef(pod), null, ServicePods.nodeName(pod), null, null);
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }

    /** An endpoint's identity across plans: its pod ({@code ns/name}), else its addresses. */
    public static String key(Endpoint endpoint) {
        ObjectReference ref = endpoint.targetRef();
        if (ref != null && ref.name() != null) {
            return ref.namespace() + "/" + ref.name();
        }
        return endpoint.addresses() == null ? "" : String.join(",", endpoint.addresses());
    }

    private static boolean samePorts(List<EndpointPort> a, List<EndpointPort> b) {
        return Objects.equals(a == null ? List.of() : a, b == null ? List.of() : b);
    }

    private static boolean sameSlice(EndpointSlice a, EndpointSlice b) {
        return samePorts(a.ports(), b.ports())
                && Objects.equals(a.endpoints() == null ? List.of() : a.endpoints(), b.endpoints() == null ? List.of() : b.endpoints())
                && Objects.equals(a.metadata().labels() == null ? Map.of() : a.metadata().labels(), b.metadata().labels());
    }
}
