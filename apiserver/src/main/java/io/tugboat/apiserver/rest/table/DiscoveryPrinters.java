package io.tugboat.apiserver.rest.table;

import io.tugboat.api.discovery.Endpoint;
import io.tugboat.api.discovery.EndpointPort;
import io.tugboat.api.discovery.EndpointSlice;
import java.util.ArrayList;
import java.util.List;

/** The row printer of the discovery.k8s.io group: EndpointSlices ({@code printEndpointSlice}). */
final class DiscoveryPrinters {
    private static final int MAX = 3;

    private DiscoveryPrinters() {
    }

    /**
     * {@code NAME ADDRESSTYPE PORTS ENDPOINTS AGE}. PORTS lists port numbers ({@code *} for "all ports"), ENDPOINTS
     * addresses, each at most three then {@code + N more...}, and {@code <unset>} when empty — a placeholder slice
     * of a Service without pods reads {@code <unset>  <unset>}.
     */
    static final RowPrinter<EndpointSlice> ENDPOINT_SLICES = RowPrinter.of(
            List.of(Columns.name(),
                    Columns.string("AddressType", "The type of the addresses: IPv4, IPv6 or FQDN."),
                    Columns.string("Ports", "The ports every endpoint of the slice serves."),
                    Columns.string("Endpoints", "The addresses of the endpoints in the slice."),
                    Columns.age()),
            (slice, now) -> List.of(Formats.name(slice), slice.addressType() == null ? "" : slice.addressType(),
                    ports(slice.ports()), endpoints(slice.endpoints()), Formats.age(slice, now)));

    private static String ports(List<EndpointPort> ports) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (EndpointPort port : ports == null ? List.<EndpointPort>of() : ports) {
            if (shown.size() < MAX) {
                shown.add(port.port() != null ? String.valueOf(port.port()) : port.name() != null ? port.name() : "*");
            }
            count++;
        }
        return withMore(shown, count);
    }

    private static String endpoints(List<Endpoint> endpoints) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (Endpoint endpoint : endpoints == null ? List.<Endpoint>of() : endpoints) {
            for (String address : endpoint.addresses() == null ? List.<String>of() : endpoint.addresses()) {
                if (shown.size() < MAX) {
                    shown.add(address);
                }
                count++;
            }
        }
        return withMore(shown, count);
    }

    /** {@code listWithMoreString}. */
    private static String withMore(List<String> shown, int count) {
        String joined = String.join(",", shown);
        if (count > MAX) {
            return joined + " + " + (count - MAX) + " more...";
        }
        return joined.isEmpty() ? "<unset>" : joined;
    }
}
