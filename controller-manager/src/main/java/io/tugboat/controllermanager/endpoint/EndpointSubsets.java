package io.tugboat.controllermanager.endpoint;

import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The pure core of the endpoints controller: the {@code subsets} a Service's Endpoints should hold, given the
 * pods its selector matches. Kubernetes' {@code syncService} and {@code RepackSubsets}.
 *
 * <p>Each pod that belongs in endpoints (an IP, not finished, not terminating unless the Service publishes
 * not-ready addresses) contributes one address per Service port, with the pod's own number for a named target
 * port. The result is repacked into the canonical form: for each distinct port, the set of addresses offering
 * it; ports with the same address set share one subset. A worked example, port {@code http} → targetPort
 * {@code web}, where pod c names its port 8080 instead of 80:
 * <pre>
 *   a 10.244.1.5 ready      web=80        ┐   subsets:
 *   b 10.244.2.3 not ready  web=80        ├─▶   - addresses [10.244.1.5]  notReadyAddresses [10.244.2.3]
 *   c 10.244.2.4 ready      web=8080      ┘       ports [http 80]
 *                                                - addresses [10.244.2.4]  ports [http 8080]
 * </pre>
 * A headless Service without ports gets its addresses in one subset without ports. Addresses are sorted by IP
 * (then pod uid), ports by name and number, subsets by their first address, so that the same inputs always give
 * the same object and an unchanged Service causes no write.
 */
public final class EndpointSubsets {
    private EndpointSubsets() {
    }

    /** The subsets for {@code service} from the pods its selector matched ({@code pods}); never null. */
    public static List<EndpointSubset> of(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
        List<ServicePort> servicePorts = service.spec().ports() == null ? List.of() : service.spec().ports();
        // port → (address → ready), in a stable order; a null port stands for "no ports" (headless only).
        Map<EndpointPort, Map<EndpointAddress, Boolean>> byPort = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!ServicePods.belongsInEndpoints(pod, publishNotReady)) {
                continue;
            }
            EndpointAddress address = new EndpointAddress(pod.status().podIP(), ServicePods.hostname(pod, service),
                    ServicePods.nodeName(pod), ServicePods.targetRef(pod));
            boolean ready = publishNotReady || ServicePods.isReady(pod);
            if (servicePorts.isEmpty()) {
                if (ServicePods.isHeadless(service)) {
                    byPort.computeIfAbsent(NO_PORT, p -> new LinkedHashMap<>()).put(address, ready);
                }
                continue;
            }
            for (ServicePort sp : servicePorts) {
                OptionalInt number = ServicePods.targetPort(pod, sp);
                if (number.isEmpty()) {
                    continue; // the pod does not offer this port; Kubernetes logs and skips it likewise
                }
                EndpointPort port = new EndpointPort(sp.name(), number.getAsInt(),
                        sp.protocol() == null ? "TCP" : sp.protocol(), sp.appProtocol());
                byPort.computeIfAbsent(port, p -> new LinkedHashMap<>()).put(address, ready);
            }
        }
        return repack(byPort);
    }

    /** The sentinel key for addresses of a headless Service without ports. */
    private static final EndpointPort NO_PORT = new EndpointPort(null, -1, null, null);

    /** Ports whose address sets (readiness included) are equal share one subset. */
    private static List<EndpointSubset> repack(Map<EndpointPort, Map<EndpointAddress, Boolean>> byPort) {
        Map<String, List<EndpointPort>> portsByAddressSet = new LinkedHashMap<>();
        Map<String, Map<EndpointAddress, Boolean>> addressSets = new LinkedHashMap<>();
        byPort.forEach((port, addresses) -> {
            String key = addressSetKey(addresses);
            addressSets.put(key, addresses);
            List<EndpointPort> ports = portsByAddressSet.computeIfAbsent(key, k -> new ArrayList<>());
            if (port != NO_PORT) {
                ports.add(port);
            }
        });
        List<EndpointSubset> subsets = new ArrayList<>();
        portsByAddressSet.forEach((key, ports) -> {
            List<EndpointAddress> ready = new ArrayList<>();
            List<EndpointAddress> notReady = new ArrayList<>();
            addressSets.get(key).forEach((address, isReady) -> (isReady ? ready : notReady).add(address));
            ready.sort(ADDRESS_ORDER);
            notReady.sort(ADDRESS_ORDER);
            ports.sort(PORT_ORDER);
            subsets.add(new EndpointSubset(ready.isEmpty() ? null : ready, notReady.isEmpty() ? null : notReady,
                    ports.isEmpty() ? null : ports));
        });
        subsets.sort(Comparator.comparing(EndpointSubsets::subsetKey));
        return subsets;
    }

    private static final Comparator<EndpointAddress> ADDRESS_ORDER = Comparator
            .comparing(EndpointAddress::ip)
            .thenComparing(a -> a.targetRef() == null || a.targetRef().uid() == null ? "" : a.targetRef().uid());

    private static final Comparator<EndpointPort> PORT_ORDER = Comparator
            .comparing((EndpointPort p) -> p.name() == null ? "" : p.name())
            .thenComparing(EndpointPort::port)
            .thenComparing(p -> p.protocol() == null ? "" : p.protocol());

    private static String addressSetKey(Map<EndpointAddress, Boolean> addresses) {
        TreeMap<String, Boolean> sorted = new TreeMap<>();
        addresses.forEach((a, ready) -> sorted.put(a.ip() + "/" + (a.targetRef() == null ? "" : a.targetRef().uid()), ready));
        return sorted.toString();
    }

    private static String subsetKey(EndpointSubset subset) {
        List<EndpointAddress> first = subset.addresses() != null ? subset.addresses() : subset.notReadyAddresses();
        String address = first == null || first.isEmpty() ? "" : first.get(0).ip();
        String ports = subset.ports() == null ? "" : subset.ports().toString();
        return address + "|" + ports;
    }
}
