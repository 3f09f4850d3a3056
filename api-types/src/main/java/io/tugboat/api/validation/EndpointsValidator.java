package io.tugboat.api.validation;

import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints, written by the endpoints controller: every subset has addresses, every address is a usable IP
 * (not loopback or link-local: traffic to it must leave the node), and ports are named when there are several.
 * Mirrors {@code ValidateEndpoints}.
 */
final class EndpointsValidator implements KindValidator<Endpoints> {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    @Override
    public Class<Endpoints> type() {
        return Endpoints.class;
    }

    @Override
    public List<FieldError> validate(Endpoints ep) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(ep.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        List<EndpointSubset> subsets = MetaValidation.list(ep.subsets());
        for (int i = 0; i < subsets.size(); i++) {
            EndpointSubset ss = subsets.get(i);
            FieldPath idx = FieldPath.root("subsets").index(i);
            List<EndpointAddress> ready = MetaValidation.list(ss.addresses());
            List<EndpointAddress> notReady = MetaValidation.list(ss.notReadyAddresses());
            if (ready.isEmpty() && notReady.isEmpty()) {
                errs.add(FieldError.required(idx, "must specify `addresses` or `notReadyAddresses`"));
            }
            for (int a = 0; a < ready.size(); a++) {
                errs.addAll(address(ready.get(a), idx.child("addresses").index(a)));
            }
            for (int a = 0; a < notReady.size(); a++) {
                errs.addAll(address(notReady.get(a), idx.child("notReadyAddresses").index(a)));
            }
            List<EndpointPort> ports = MetaValidation.list(ss.ports());
            for (int p = 0; p < ports.size(); p++) {
                errs.addAll(port(ports.get(p), ports.size() > 1, idx.child("ports").index(p)));
            }
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Endpoints n, Endpoints o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(validate(n));
        return errs;
    }

    private static List<FieldError> address(EndpointAddress address, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String ip = MetaValidation.str(address.ip());
        byte[] bytes = IpAddresses.parse(ip);
        if (bytes == null) {
            // Kubernetes checks validity twice here, with two wordings.
            errs.add(FieldError.invalid(path.child("ip"), ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }
        String hostname = MetaValidation.str(address.hostname());
        if (!hostname.isEmpty()) {
            Formats.dns1123Label(hostname).forEach(msg -> errs.add(FieldError.invalid(path.child("hostname"), hostname, msg)));
        }
        if (address.nodeName() != null) {
            String node = address.nodeName();
            Formats.SUBDOMAIN_NAME.check(node, false).forEach(msg -> errs.add(FieldError.invalid(path.child("nodeName"), node, msg)));
        }
        if (bytes == null) {
            errs.add(FieldError.invalid(path.child("ip"), ip, "must be a valid IP address"));
        } else {
            if (IpAddresses.isUnspecified(bytes)) {
                errs.add(FieldError.invalid(path.child("ip"), ip, "may not be unspecified (" + ip + ")"));
            }
            if (IpAddresses.isLoopback(bytes)) {
                errs.add(FieldError.invalid(path.child("ip"), ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
            }
            if (IpAddresses.isLinkLocalUnicast(bytes)) {
                errs.add(FieldError.invalid(path.child("ip"), ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
            }
            if (IpAddresses.isLinkLocalMulticast(bytes)) {
                errs.add(FieldError.invalid(path.child("ip"), ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
            }
        }
        return errs;
    }

    private static List<FieldError> port(EndpointPort port, boolean requireName, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidation.str(port.name());
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else if (!name.isEmpty()) {
            Formats.dns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
        }
        int number = port.port() == null ? 0 : port.port();
        Formats.portNum(number).forEach(msg -> errs.add(FieldError.invalid(path.child("port"), number, msg)));
        String protocol = MetaValidation.str(port.protocol());
        if (protocol.isEmpty()) {
            errs.add(FieldError.required(path.child("protocol"), ""));
        } else if (!PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path.child("protocol"), protocol, PROTOCOLS));
        }
        if (port.appProtocol() != null) {
            Formats.qualifiedName(port.appProtocol())
                    .forEach(msg -> errs.add(FieldError.invalid(path.child("appProtocol"), port.appProtocol(), msg)));
        }
        return errs;
    }
}
