package io.tugboat.api.validation;

import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.core.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Services: ports (named when there are several, so endpoints can refer to them), a type, session affinity,
 * cluster IPs and traffic policies. Mirrors {@code ValidateService} and {@code ValidateServiceUpdate}.
 *
 * <p>Two notes on where rules live. Kubernetes checks the node port range (30000-32767 by default) in the port
 * allocator, after validation, with the message reproduced here; Tugboat reports it with the other causes.
 * And the service registry, not validation, keeps a service's allocated cluster IP and node ports when an update
 * leaves them out, so the "may not change once set" rules below see the filled-in values.
 */
final class ServiceValidator implements KindValidator<Service> {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
    private static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;
    private static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    @Override
    public Class<Service> type() {
        return Service.class;
    }

    @Override
    public List<FieldError> validate(Service svc) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(svc.metadata(), true, Formats.DNS1035_NAME, FieldPath.root("metadata")));
        ServiceSpec s = spec0(svc.spec());
        FieldPath path = FieldPath.root("spec");
        String type = MetaValidation.str(s.type());
        List<ServicePort> ports = MetaValidation.list(s.ports());
        List<String> clusterIPs = MetaValidation.list(s.clusterIPs());
        boolean headless = isHeadless(s);
        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            errs.add(FieldError.required(path.child("ports"), ""));
        }
        switch (type) {
            case "LoadBalancer", "NodePort" -> {
                if (headless) {
                    errs.add(FieldError.invalid(path.child("clusterIPs").index(0), clusterIPs.get(0),
                            "may not be set to 'None' for " + type + " services"));
                }
            }
            case "ExternalName" -> {
                if (!clusterIPs.isEmpty()) {
                    errs.add(FieldError.forbidden(path.child("clusterIPs"), "may not be set for ExternalName services"));
                }
                if (!MetaValidation.list(s.ipFamilies()).isEmpty()) {
                    errs.add(FieldError.forbidden(path.child("ipFamilies"), "may not be set for ExternalName services"));
                }
                if (s.ipFamilyPolicy() != null) {
                    errs.add(FieldError.forbidden(path.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
                }
                // A CNAME may end with a dot to mark it fully qualified.
                String cname = MetaValidation.str(s.externalName());
                cname = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
                if (cname.isEmpty()) {
                    errs.add(FieldError.required(path.child("externalName"), ""));
                } else {
                    String c = cname;
                    Formats.dns1123Subdomain(c).forEach(msg -> errs.add(FieldError.invalid(path.child("externalName"), c, msg)));
                }
            }
            default -> {
            }
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errs.addAll(port(ports.get(i), ports.size() > 1, portNames, path.child("ports").index(i)));
        }
        if (s.selector() != null) {
            errs.addAll(MetaValidation.labels(s.selector(), path.child("selector")));
        }
        String affinity = MetaValidation.str(s.sessionAffinity());
        if (affinity.isEmpty()) {
            errs.add(FieldError.required(path.child("sessionAffinity"), ""));
        } else if (!SESSION_AFFINITIES.contains(affinity)) {
            errs.add(FieldError.notSupported(path.child("sessionAffinity"), affinity, SESSION_AFFINITIES));
        }
        errs.addAll(sessionAffinityConfig(affinity, s.sessionAffinityConfig(), path.child("sessionAffinityConfig")));
        errs.addAll(clusterIPsRelatedFields(s, path));
        List<String> externalIPs = MetaValidation.list(s.externalIPs());
        for (int i = 0; i < externalIPs.size(); i++) {
            errs.addAll(nonSpecialIP(MetaValidation.str(externalIPs.get(i)), path.child("externalIPs").index(i)));
        }
        if (type.isEmpty()) {
            errs.add(FieldError.required(path.child("type"), ""));
        } else if (!TYPES.contains(type)) {
            errs.add(FieldError.notSupported(path.child("type"), type, TYPES));
        }
        if (type.equals("ClusterIP")) {
            for (int i = 0; i < ports.size(); i++) {
                if (nodePort(ports.get(i)) != 0) {
                    errs.add(FieldError.forbidden(path.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }
        errs.addAll(duplicatePorts(ports, path.child("ports")));
        errs.addAll(trafficPolicies(s, path));
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            for (int i = 0; i < ports.size(); i++) {
                int np = nodePort(ports.get(i));
                if (np != 0 && (np < NODE_PORT_MIN || np > NODE_PORT_MAX)) {
                    errs.add(FieldError.invalid(path.child("ports").index(i).child("nodePort"), np,
                            "provided port is not in the valid range. The range of valid ports is "
                                    + NODE_PORT_MIN + "-" + NODE_PORT_MAX));
                }
            }
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Service n, Service o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(clusterIPsUpdate(spec0(n.spec()), spec0(o.spec())));
        errs.addAll(ipFamiliesUpdate(spec0(n.spec()), spec0(o.spec())));
        errs.addAll(validate(n));
        return errs;
    }

    private static List<FieldError> port(ServicePort sp, boolean requireName, Set<String> names, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidation.str(sp.name());
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else if (!name.isEmpty()) {
            Formats.dns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(path.child("name"), name));
            }
        }
        int port = sp.port() == null ? 0 : sp.port();
        Formats.portNum(port).forEach(msg -> errs.add(FieldError.invalid(path.child("port"), port, msg)));
        String protocol = MetaValidation.str(sp.protocol());
        if (protocol.isEmpty()) {
            errs.add(FieldError.required(path.child("protocol"), ""));
        } else if (!PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path.child("protocol"), protocol, PROTOCOLS));
        }
        errs.addAll(ContainerValidation.portNumOrName(sp.targetPort(), path.child("targetPort")));
        if (sp.appProtocol() != null) {
            Formats.qualifiedName(sp.appProtocol())
                    .forEach(msg -> errs.add(FieldError.invalid(path.child("appProtocol"), sp.appProtocol(), msg)));
        }
        return errs;
    }

    /**
     * The same node port twice, or the same port number twice for one protocol. Kubernetes prints the
     * duplicated port as its internal Go struct, with only protocol and port filled in.
     */
    private static List<FieldError> duplicatePorts(List<ServicePort> ports, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            int np = nodePort(ports.get(i));
            if (np != 0 && !nodePorts.add(MetaValidation.str(ports.get(i).protocol()) + "/" + np)) {
                errs.add(FieldError.duplicate(path.index(i).child("nodePort"), np));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String protocol = MetaValidation.str(ports.get(i).protocol());
            int port = ports.get(i).port() == null ? 0 : ports.get(i).port();
            if (!seen.add(protocol + "/" + port)) {
                errs.add(FieldError.duplicate(path.index(i), GoFormat.GoStruct.of("Name", "", "Protocol", protocol,
                        "AppProtocol", null, "Port", port, "TargetPort", 0, "NodePort", 0)));
            }
        }
        return errs;
    }

    /** {@code clusterIP} and {@code clusterIPs} agree; IPs are valid, at most one per family; families are known. */
    private static List<FieldError> clusterIPsRelatedFields(ServiceSpec s, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if ("ExternalName".equals(s.type())) {
            return errs;
        }
        FieldPath ipsPath = path.child("clusterIPs");
        String clusterIP = MetaValidation.str(s.clusterIP());
        List<String> clusterIPs = MetaValidation.list(s.clusterIPs());
        if (!clusterIP.isEmpty()) {
            if (clusterIPs.isEmpty()) {
                errs.add(FieldError.required(ipsPath, ""));
            } else if (!clusterIPs.get(0).equals(clusterIP)) {
                errs.add(FieldError.invalid(ipsPath, clusterIPs, "first value must match `clusterIP`"));
            }
        } else if (!clusterIPs.isEmpty()) {
            errs.add(FieldError.invalid(ipsPath, clusterIPs, "must be empty when `clusterIP` is not specified"));
        }
        List<String> families = MetaValidation.list(s.ipFamilies());
        Set<String> seenFamilies = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            String family = MetaValidation.str(families.get(i));
            if (!IP_FAMILIES.contains(family)) {
                errs.add(FieldError.notSupported(path.child("ipFamilies").index(i), family, IP_FAMILIES));
            }
            if (!seenFamilies.add(family)) {
                errs.add(FieldError.duplicate(path.child("ipFamilies").index(i), family));
            }
        }
        if (s.ipFamilyPolicy() != null && !IP_FAMILY_POLICIES.contains(s.ipFamilyPolicy())) {
            errs.add(FieldError.notSupported(path.child("ipFamilyPolicy"), s.ipFamilyPolicy(), IP_FAMILY_POLICIES));
        }
        boolean invalidIPs = false;
        for (int i = 0; i < clusterIPs.size(); i++) {
            String ip = MetaValidation.str(clusterIPs.get(i));
            if (i == 0 && ip.equals("None")) {
                if (clusterIPs.size() > 1) {
                    invalidIPs = true;
                    errs.add(FieldError.invalid(ipsPath, clusterIPs, "'None' must be the first and only value"));
                }
                continue;
            }
            if (!IpAddresses.isValid(ip)) {
                invalidIPs = true;
                errs.add(FieldError.invalid(ipsPath.index(i), ip, INVALID_IP));
            }
        }
        if (clusterIPs.size() > 2) {
            errs.add(FieldError.invalid(ipsPath, clusterIPs, "may only hold up to 2 values"));
        }
        if (invalidIPs) {
            return errs;
        }
        if (clusterIPs.size() > 1) {
            long v6 = clusterIPs.stream().filter(IpAddresses::isIPv6).count();
            if (v6 != 1 || clusterIPs.size() != 2) {
                errs.add(FieldError.invalid(ipsPath, clusterIPs, "may specify no more than one IP for each IP family"));
            }
        }
        if (!isHeadless(s)) {
            for (int i = 0; i < clusterIPs.size() && i < families.size(); i++) {
                String ip = clusterIPs.get(i);
                if (families.get(i).equals("IPv4") && IpAddresses.isIPv6(ip)) {
                    errs.add(FieldError.invalid(ipsPath.index(i), ip, "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
                }
                if (families.get(i).equals("IPv6") && !IpAddresses.isIPv6(ip)) {
                    errs.add(FieldError.invalid(ipsPath.index(i), ip, "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
                }
            }
        }
        return errs;
    }

    /** External IPs are routed to the service on every node: loopback, link-local or 0.0.0.0 make no sense. */
    private static List<FieldError> nonSpecialIP(String ip, FieldPath path) {
        byte[] bytes = IpAddresses.parse(ip);
        if (bytes == null) {
            return List.of(FieldError.invalid(path, ip, INVALID_IP));
        }
        List<FieldError> errs = new ArrayList<>();
        if (IpAddresses.isUnspecified(bytes)) {
            errs.add(FieldError.invalid(path, ip, "may not be unspecified (" + ip + ")"));
        }
        if (IpAddresses.isLoopback(bytes)) {
            errs.add(FieldError.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if (IpAddresses.isLinkLocalUnicast(bytes)) {
            errs.add(FieldError.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if (IpAddresses.isLinkLocalMulticast(bytes)) {
            errs.add(FieldError.invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errs;
    }

    /**
     * {@code externalTrafficPolicy} belongs to services reachable from outside the cluster (NodePort,
     * LoadBalancer, or with external IPs); {@code internalTrafficPolicy} to those with a cluster IP.
     */
    private static List<FieldError> trafficPolicies(ServiceSpec s, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = MetaValidation.str(s.type());
        boolean externallyAccessible = type.equals("LoadBalancer") || type.equals("NodePort")
                || type.equals("ClusterIP") && !MetaValidation.list(s.externalIPs()).isEmpty();
        String external = MetaValidation.str(s.externalTrafficPolicy());
        if (!externallyAccessible) {
            if (!external.isEmpty()) {
                errs.add(FieldError.invalid(path.child("externalTrafficPolicy"), external,
                        "may only be set for externally-accessible services"));
            }
        } else if (external.isEmpty()) {
            errs.add(FieldError.required(path.child("externalTrafficPolicy"), ""));
        } else if (!TRAFFIC_POLICIES.contains(external)) {
            errs.add(FieldError.notSupported(path.child("externalTrafficPolicy"), external, TRAFFIC_POLICIES));
        }
        String internal = s.internalTrafficPolicy();
        if (internal == null) {
            if (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP")) {
                errs.add(FieldError.required(path.child("internalTrafficPolicy"), ""));
            }
        } else if (!TRAFFIC_POLICIES.contains(internal)) {
            errs.add(FieldError.notSupported(path.child("internalTrafficPolicy"), internal, TRAFFIC_POLICIES));
        }
        return errs;
    }

    /** An allocated cluster IP stays: it may only gain or lose its secondary (dual-stack) address. */
    private static List<FieldError> clusterIPsUpdate(ServiceSpec n, ServiceSpec o) {
        List<FieldError> errs = new ArrayList<>();
        if ("ExternalName".equals(n.type()) || "ExternalName".equals(o.type()) || isHeadless(n) && isHeadless(o)) {
            return errs;
        }
        FieldPath ipsPath = FieldPath.root("spec", "clusterIPs");
        List<String> newIPs = MetaValidation.list(n.clusterIPs());
        List<String> oldIPs = MetaValidation.list(o.clusterIPs());
        if (oldIPs.size() == newIPs.size()) {
            for (int i = 0; i < oldIPs.size(); i++) {
                if (!oldIPs.get(i).equals(newIPs.get(i))) {
                    errs.add(FieldError.invalid(ipsPath.index(i), newIPs, "may not change once set"));
                }
            }
        } else if (oldIPs.size() > newIPs.size()) {
            if (newIPs.isEmpty()) {
                errs.add(FieldError.invalid(ipsPath.index(0), newIPs, "primary clusterIP can not be unset"));
            }
            if (!newIPs.isEmpty() && !newIPs.get(0).equals(oldIPs.get(0))) {
                errs.add(FieldError.invalid(ipsPath.index(0), newIPs, "may not change once set"));
            }
            if (newIPs.size() == 1 && !"SingleStack".equals(n.ipFamilyPolicy())) {
                errs.add(FieldError.invalid(FieldPath.root("spec", "ipFamilyPolicy"), n.ipFamilyPolicy(),
                        "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        } else if (!oldIPs.isEmpty() && !newIPs.get(0).equals(oldIPs.get(0))) {
            errs.add(FieldError.invalid(ipsPath.index(0), newIPs, "may not change once set"));
        }
        return errs;
    }

    private static List<FieldError> ipFamiliesUpdate(ServiceSpec n, ServiceSpec o) {
        if ("ExternalName".equals(n.type()) || "ExternalName".equals(o.type()) || isHeadless(n) || isHeadless(o)) {
            return List.of();
        }
        List<String> newFamilies = MetaValidation.list(n.ipFamilies());
        List<String> oldFamilies = MetaValidation.list(o.ipFamilies());
        List<FieldError> errs = new ArrayList<>();
        if (newFamilies.size() == oldFamilies.size()) {
            for (int i = 0; i < oldFamilies.size(); i++) {
                if (!oldFamilies.get(i).equals(newFamilies.get(i))) {
                    errs.add(FieldError.invalid(FieldPath.root("spec", "ipFamilies").index(0), newFamilies, "may not change once set"));
                }
            }
        }
        return errs;
    }

    static boolean isHeadless(ServiceSpec s) {
        List<String> ips = MetaValidation.list(s.clusterIPs());
        return ips.size() == 1 && "None".equals(ips.get(0));
    }

    private static int nodePort(ServicePort p) {
        return p.nodePort() == null ? 0 : p.nodePort();
    }

    private static ServiceSpec spec0(ServiceSpec spec) {
        return spec == null
                ? new ServiceSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : spec;
    }

    /**
     * As Kubernetes' {@code validateClientIPAffinityConfig}: with {@code ClientIP} a timeout of 1 to 86400 seconds
     * (defaulting fills in 10800), with {@code None} no config at all.
     */
    private static List<FieldError> sessionAffinityConfig(String affinity, SessionAffinityConfig config, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (affinity.equals("None") && config != null) {
            errs.add(FieldError.forbidden(path, "must not be set when session affinity is None"));
        } else if (affinity.equals("ClientIP")) {
            if (config == null) {
                errs.add(FieldError.required(path, "when session affinity type is ClientIP"));
            } else if (config.clientIP() == null) {
                errs.add(FieldError.required(path.child("clientIP"), "when session affinity type is ClientIP"));
            } else if (config.clientIP().timeoutSeconds() == null) {
                errs.add(FieldError.required(path.child("clientIP").child("timeoutSeconds"), "when session affinity type is ClientIP"));
            } else {
                int timeout = config.clientIP().timeoutSeconds();
                if (timeout <= 0 || timeout > 86400) {
                    errs.add(FieldError.invalid(path.child("clientIP").child("timeoutSeconds"), timeout,
                            "must be greater than 0 and less than 86400"));
                }
            }
        }
        return errs;
    }
}
