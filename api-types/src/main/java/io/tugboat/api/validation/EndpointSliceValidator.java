package io.tugboat.api.validation;

import io.tugboat.api.discovery.Endpoint;
import io.tugboat.api.discovery.EndpointPort;
import io.tugboat.api.discovery.EndpointSlice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EndpointSlices: a known address type (fixed once created), 1-100 addresses per endpoint valid for that type,
 * at most 1,000 endpoints, unique port names, known protocols. Mirrors {@code ValidateEndpointSlice} and
 * {@code ValidateEndpointSliceUpdate} ({@code pkg/apis/discovery/validation}).
 */
final class EndpointSliceValidator implements KindValidator<EndpointSlice> {
    static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    static final int MAX_ENDPOINTS = 1000;
    static final int MAX_ADDRESSES = 100;
    static final int MAX_PORTS = 20000;
    static final int MAX_TOPOLOGY_LABELS = 16;

    @Override
    public Class<EndpointSlice> type() {
        return EndpointSlice.class;
    }

    @Override
    public List<FieldError> validate(EndpointSlice slice) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(slice.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        String addressType = MetaValidation.str(slice.addressType());
        if (addressType.isEmpty()) {
            errs.add(FieldError.required(FieldPath.root("addressType"), ""));
        } else if (!ADDRESS_TYPES.contains(addressType)) {
            errs.add(FieldError.notSupported(FieldPath.root("addressType"), addressType, ADDRESS_TYPES));
        }
        errs.addAll(endpoints(MetaValidation.list(slice.endpoints()), addressType, FieldPath.root("endpoints")));
        errs.addAll(ports(MetaValidation.list(slice.ports()), FieldPath.root("ports")));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(EndpointSlice n, EndpointSlice o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(validate(n));
        errs.addAll(MetaValidation.immutable(n.addressType(), o.addressType(), FieldPath.root("addressType")));
        return errs;
    }

    private static List<FieldError> endpoints(List<Endpoint> endpoints, String addressType, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (endpoints.size() > MAX_ENDPOINTS) {
            errs.add(FieldError.tooMany(path, endpoints.size(), MAX_ENDPOINTS));
        }
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            FieldPath idx = path.index(i);
            FieldPath addressPath = idx.child("addresses");
            List<String> addresses = MetaValidation.list(endpoint.addresses());
            if (addresses.isEmpty()) {
                errs.add(FieldError.required(addressPath, "must contain at least 1 address"));
            } else if (addresses.size() > MAX_ADDRESSES) {
                errs.add(FieldError.tooMany(addressPath, addresses.size(), MAX_ADDRESSES));
            }
            for (int a = 0; a < addresses.size(); a++) {
                errs.addAll(address(MetaValidation.str(addresses.get(a)), addressType, addressPath.index(a)));
            }
            if (endpoint.nodeName() != null) {
                String node = endpoint.nodeName();
                Formats.SUBDOMAIN_NAME.check(node, false)
                        .forEach(msg -> errs.add(FieldError.invalid(idx.child("nodeName"), node, msg)));
            }
            Map<String, String> topology = endpoint.deprecatedTopology();
            if (topology != null) {
                if (topology.size() > MAX_TOPOLOGY_LABELS) {
                    errs.add(FieldError.tooMany(idx.child("deprecatedTopology"), topology.size(), MAX_TOPOLOGY_LABELS));
                }
                errs.addAll(MetaValidation.labels(topology, idx.child("deprecatedTopology")));
            }
            if (endpoint.hostname() != null) {
                String hostname = endpoint.hostname();
                Formats.dns1123Label(hostname).forEach(msg -> errs.add(FieldError.invalid(idx.child("hostname"), hostname, msg)));
            }
        }
        return errs;
    }

    /** Addresses of the known types are checked; an unknown type was already refused above. */
    private static List<FieldError> address(String address, String addressType, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        switch (addressType) {
            case "IPv4", "IPv6" -> {
                byte[] bytes = IpAddresses.parse(address);
                boolean v6 = address.contains(":");
                if (bytes == null || v6 != addressType.equals("IPv6")) {
                    errs.add(FieldError.invalid(path, address, "must be a valid " + addressType + " address"));
                    return errs;
                }
                if (IpAddresses.isUnspecified(bytes)) {
                    errs.add(FieldError.invalid(path, address, "may not be unspecified (" + address + ")"));
                }
                if (IpAddresses.isLoopback(bytes)) {
                    errs.add(FieldError.invalid(path, address, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
                }
                if (IpAddresses.isLinkLocalUnicast(bytes)) {
                    errs.add(FieldError.invalid(path, address, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
                }
                if (IpAddresses.isLinkLocalMulticast(bytes)) {
                    errs.add(FieldError.invalid(path, address, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
                }
            }
            case "FQDN" -> {
                String name = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
                Formats.dns1123Subdomain(name).forEach(msg -> errs.add(FieldError.invalid(path, address, msg)));
                if (!name.contains(".")) {
                    errs.add(FieldError.invalid(path, address, "should be a domain with at least two segments separated by dots"));
                }
            }
            default -> {
            }
        }
        return errs;
    }

    private static List<FieldError> ports(List<EndpointPort> ports, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (ports.size() > MAX_PORTS) {
            errs.add(FieldError.tooMany(path, ports.size(), MAX_PORTS));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort port = ports.get(i);
            FieldPath idx = path.index(i);
            String name = MetaValidation.str(port.name());
            if (!name.isEmpty()) {
                Formats.dns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(idx.child("name"), name, msg)));
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(idx.child("name"), name));
            }
            if (port.protocol() == null) {
                errs.add(FieldError.required(idx.child("protocol"), ""));
            } else if (!PROTOCOLS.contains(port.protocol())) {
                errs.add(FieldError.notSupported(idx.child("protocol"), port.protocol(), PROTOCOLS));
            }
            if (port.appProtocol() != null) {
                Formats.qualifiedName(port.appProtocol())
                        .forEach(msg -> errs.add(FieldError.invalid(idx.child("appProtocol"), port.appProtocol(), msg)));
            }
        }
        return errs;
    }
}
