package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Formats.list;
import static io.tugboat.apiserver.rest.table.Formats.text;

import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.EventSource;
import io.tugboat.api.core.LoadBalancerIngress;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Printers of the core kinds other than pods and nodes, and of leases. */
final class CorePrinters {
    private CorePrinters() {
    }

    static final RowPrinter<Namespace> NAMESPACES = RowPrinter.of(
            List.of(Columns.name(), Columns.string("Status", "Active, or Terminating while being deleted."),
                    Columns.age()),
            (ns, now) -> List.of(Formats.name(ns), ns.status() == null ? "" : text(ns.status().phase()),
                    Formats.age(ns, now)));

    static final RowPrinter<ConfigMap> CONFIG_MAPS = RowPrinter.of(
            List.of(Columns.name(), Columns.string("Data", "Number of keys, in data and binaryData."), Columns.age()),
            (cm, now) -> List.of(Formats.name(cm), (long) size(cm.data()) + size(cm.binaryData()),
                    Formats.age(cm, now)));

    static final RowPrinter<Secret> SECRETS = RowPrinter.of(
            List.of(Columns.name(), Columns.string("Type", "The type of the secret, such as Opaque."),
                    Columns.string("Data", "Number of keys in data."), Columns.age()),
            (secret, now) -> List.of(Formats.name(secret), text(secret.type()), (long) size(secret.data()),
                    Formats.age(secret, now)));

    static final RowPrinter<Lease> LEASES = RowPrinter.of(
            List.of(Columns.name(), Columns.string("Holder", "The identity holding the lease."), Columns.age()),
            (lease, now) -> List.of(Formats.name(lease),
                    lease.spec() == null ? "" : text(lease.spec().holderIdentity()), Formats.age(lease, now)));

    /**
     * {@code NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE}, wide {@code SELECTOR}. PORT(S) reads {@code 80/TCP}, or
     * {@code 80:30080/TCP} with a node port.
     */
    static final RowPrinter<Service> SERVICES = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("Type", "ClusterIP, NodePort, LoadBalancer or ExternalName."),
                    Columns.string("Cluster-IP", "The virtual IP of the service inside the cluster."),
                    Columns.string("External-IP", "Addresses the service is reachable at from outside the cluster."),
                    Columns.string("Port(s)", "The ports of the service, with their node ports."),
                    Columns.age(),
                    Columns.wide(Columns.string("Selector", "The labels of the pods the service sends traffic to."))),
            CorePrinters::serviceCells);

    /** {@code NAME ENDPOINTS AGE}: at most three {@code ip:port} pairs, then {@code + N more...}. */
    static final RowPrinter<Endpoints> ENDPOINTS = RowPrinter.of(
            List.of(Columns.name(), Columns.string("Endpoints", "The addresses behind the service."), Columns.age()),
            (endpoints, now) -> List.of(Formats.name(endpoints), endpoints(endpoints), Formats.age(endpoints, now)));

    /**
     * {@code LAST SEEN TYPE REASON OBJECT MESSAGE}; wide adds {@code SUBOBJECT SOURCE FIRST SEEN COUNT NAME}
     * (interleaved in Kubernetes' column order).
     */
    static final RowPrinter<Event> EVENTS = RowPrinter.of(
            List.of(Columns.string("Last Seen", "Time since the event was last seen."),
                    Columns.string("Type", "Normal or Warning."),
                    Columns.string("Reason", "Why the event happened, in one CamelCase word."),
                    Columns.string("Object", "The object the event is about, as kind/name."),
                    Columns.wide(Columns.string("Subobject", "The part of the object, such as a container.")),
                    Columns.wide(Columns.string("Source", "The component that reported the event.")),
                    Columns.string("Message", "What happened, for people."),
                    Columns.wide(Columns.string("First Seen", "Time since the event was first seen.")),
                    Columns.wide(Columns.string("Count", "How often the event happened.")),
                    Columns.wide(Columns.name())),
            CorePrinters::eventCells);

    private static List<Object> serviceCells(Service service, Instant now) {
        ServiceSpec spec = service.spec() != null ? service.spec()
                : new ServiceSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        String clusterIP = !list(spec.clusterIPs()).isEmpty() ? spec.clusterIPs().get(0) : spec.clusterIP();
        String ports = list(spec.ports()).stream().map(CorePrinters::port).collect(Collectors.joining(","));
        return List.of(Formats.name(service), text(spec.type()), Formats.orNone(clusterIP), externalIP(service),
                Formats.orNone(ports), Formats.age(service, now), Formats.labels(spec.selector()));
    }

    private static String port(ServicePort port) {
        String protocol = port.protocol() == null ? "TCP" : port.protocol();
        int number = port.port() == null ? 0 : port.port();
        return port.nodePort() != null && port.nodePort() > 0
                ? number + ":" + port.nodePort() + "/" + protocol
                : number + "/" + protocol;
    }

    private static String externalIP(Service service) {
        ServiceSpec spec = service.spec();
        List<String> externalIPs = list(spec == null ? null : spec.externalIPs());
        switch (spec == null ? "" : text(spec.type())) {
            case "ClusterIP", "NodePort" -> {
                return externalIPs.isEmpty() ? Formats.NONE : String.join(",", externalIPs);
            }
            case "LoadBalancer" -> {
                TreeSet<String> ingress = new TreeSet<>();
                if (service.status() != null && service.status().loadBalancer() != null) {
                    for (LoadBalancerIngress point : list(service.status().loadBalancer().ingress())) {
                        if (point.ip() != null && !point.ip().isEmpty()) {
                            ingress.add(point.ip());
                        } else if (point.hostname() != null && !point.hostname().isEmpty()) {
                            ingress.add(point.hostname());
                        }
                    }
                }
                List<String> all = new ArrayList<>(ingress);
                all.addAll(externalIPs);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> {
                return text(spec.externalName());
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    private static String endpoints(Endpoints endpoints) {
        if (list(endpoints.subsets()).isEmpty()) {
            return Formats.NONE;
        }
        final int max = 3;
        List<String> shown = new ArrayList<>();
        int count = 0;
        boolean more = false;
        for (EndpointSubset subset : list(endpoints.subsets())) {
            List<EndpointAddress> addresses = list(subset.addresses());
            List<EndpointPort> ports = list(subset.ports());
            if (ports.isEmpty()) { // a headless service without ports lists bare addresses
                count += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == max) {
                        more = true;
                        break;
                    }
                    shown.add(text(address.ip()));
                }
                continue;
            }
            for (EndpointPort port : ports) {
                count += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == max) {
                        more = true;
                        break;
                    }
                    shown.add(hostPort(text(address.ip()), port.port() == null ? 0 : port.port()));
                }
            }
        }
        String joined = String.join(",", shown);
        return more ? joined + " + " + (count - max) + " more..." : joined;
    }

    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static List<Object> eventCells(Event event, Instant now) {
        String firstSeen = event.firstTimestamp() != null
                ? HumanDuration.since(event.firstTimestamp(), now)
                : HumanDuration.since(event.eventTime(), now);
        String lastSeen = event.lastTimestamp() != null ? HumanDuration.since(event.lastTimestamp(), now) : firstSeen;
        long count = event.count() == null || event.count() == 0 ? 1 : event.count();
        ObjectReference involved = event.involvedObject();
        String kind = involved == null ? "" : text(involved.kind()).toLowerCase(Locale.ROOT);
        String name = involved == null ? "" : text(involved.name());
        return List.of(
                lastSeen,
                text(event.type()),
                text(event.reason()),
                name.isEmpty() ? kind : kind + "/" + name,
                involved == null ? "" : text(involved.fieldPath()),
                source(event),
                text(event.message()).strip(),
                firstSeen,
                count,
                Formats.name(event));
    }

    /** {@code component, host}, falling back to the reporting fields of events written by newer clients. */
    private static String source(Event event) {
        EventSource source = event.source();
        String component = firstNonEmpty(source == null ? null : source.component(), event.reportingComponent());
        String host = firstNonEmpty(source == null ? null : source.host(), event.reportingInstance());
        return host.isEmpty() ? component : component + ", " + host;
    }

    private static String firstNonEmpty(String first, String second) {
        return first != null && !first.isEmpty() ? first : text(second);
    }

    private static int size(Map<String, String> map) {
        return map == null ? 0 : map.size();
    }
}
