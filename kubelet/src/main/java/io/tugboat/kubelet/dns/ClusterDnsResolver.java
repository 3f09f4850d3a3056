package io.tugboat.kubelet.dns;

import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's DNS zone as a pure function: (question, Services and Endpoints) → {@link DnsAnswer}. No sockets, no
 * Netty; {@link ClusterDnsHandler} puts it on the wire. The names follow the Kubernetes DNS specification as CoreDNS's
 * {@code kubernetes} plugin serves it (with {@code pods insecure}, as kubeadm configures it):
 *
 * <pre>
 *   web.default.svc.cluster.local            A     ClusterIP, or one A per ready address when headless
 *   _http._tcp.web.default.svc.cluster.local SRV   0 100 80 web.default.svc.cluster.local.  (+ A in additional)
 *   db-0.db.default.svc.cluster.local        A     the address whose endpoint hostname is db-0 (StatefulSet pods)
 *   10-244-1-5.db.default.svc.cluster.local  A     an address without hostname, by its dashed IP
 *   10-244-1-5.default.pod.cluster.local     A     10.244.1.5 (any dashed IPv4: "pods insecure")
 *   ext.default.svc.cluster.local            CNAME spec.externalName
 *   anything else in cluster.local           NXDOMAIN, with the zone's SOA in authority
 *   names outside cluster.local              forwarded upstream
 * </pre>
 *
 * A name that exists but has no record of the asked type (AAAA of an IPv4 Service) is NOERROR with no answer and the
 * SOA in authority (NODATA), never NXDOMAIN: NXDOMAIN would tell the resolver the A record does not exist either.
 * Every record has a TTL of 5 s, the plugin's default, so a changed Service is seen within seconds.
 */
public final class ClusterDnsResolver {
    /** CoreDNS's kubernetes plugin default TTL. */
    public static final int TTL = 5;

    static final int TYPE_A = 1;
    static final int TYPE_CNAME = 5;
    static final int TYPE_SOA = 6;
    static final int TYPE_AAAA = 28;
    static final int TYPE_SRV = 33;

    private final String domain;
    private final ServiceDirectory directory;

    /** @param domain the cluster domain, {@code cluster.local} (a trailing dot and case are ignored) */
    public ClusterDnsResolver(String domain, ServiceDirectory directory) {
        this.domain = normalize(domain);
        this.directory = directory;
    }

    public String domain() {
        return domain;
    }

    /**
     * Answers one question.
     *
     * @param qname the name asked, as the client wrote it (trailing dot optional, any case)
     * @param qtype the DNS type code (1 A, 28 AAAA, 33 SRV, ...)
     */
    public DnsAnswer resolve(String qname, int qtype) {
        return resolve(qname, qtype, 0);
    }

    private DnsAnswer resolve(String qname, int qtype, int depth) {
        String name = normalize(qname);
        String asked = stripDot(qname);
        if (!inDomain(name)) {
            return new DnsAnswer.Forward();
        }
        List<String> labels = name.equals(domain) ? List.of()
                : List.of(name.substring(0, name.length() - domain.length() - 1).split("\\.", -1));
        Optional<List<DnsRecord.Data>> records = recordsAt(labels);
        if (records.isEmpty()) {
            return negative(DnsAnswer.Rcode.NXDOMAIN);
        }
        List<DnsRecord> answers = new ArrayList<>();
        List<DnsRecord> additional = new ArrayList<>();
        for (DnsRecord.Data data : records.get()) {
            if (data.type() == qtype || data instanceof DnsRecord.Cname) {
                answers.add(new DnsRecord(asked, TTL, data));
            }
            if (data.type() == qtype && data instanceof DnsRecord.Srv srv) {
                addressOf(srv.target()).ifPresent(a -> additional.add(new DnsRecord(srv.target(), TTL, a)));
            }
        }
        if (labels.isEmpty() && qtype == TYPE_SOA) {
            answers.add(soa());
        }
        if (answers.isEmpty()) {
            return negative(DnsAnswer.Rcode.NOERROR);
        }
        if (depth < 8 && qtype != TYPE_CNAME && answers.get(answers.size() - 1).data() instanceof DnsRecord.Cname c
                && inDomain(normalize(c.target()))) {
            // an ExternalName aimed at another name of the cluster: follow it here, as CoreDNS does
            if (resolve(c.target(), qtype, depth + 1) instanceof DnsAnswer.Authoritative target) {
                answers.addAll(target.answers());
            }
        }
        return new DnsAnswer.Authoritative(DnsAnswer.Rcode.NOERROR, answers, List.of(), additional);
    }

    /**
     * The alias an answer ends on that only upstream can follow: an ExternalName Service whose target is outside the
     * cluster domain, asked for an address. The server asks upstream for the target and appends what it gets, since
     * stub resolvers (glibc, musl) do not follow a CNAME themselves.
     */
    public java.util.Optional<String> upstreamAlias(DnsAnswer.Authoritative answer, int qtype) {
        if (qtype == TYPE_CNAME || answer.answers().isEmpty()
                || !(answer.answers().get(answer.answers().size() - 1).data() instanceof DnsRecord.Cname c)
                || inDomain(normalize(c.target()))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(c.target());
    }

    private boolean inDomain(String name) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    /** The records of every type at the name below the domain; empty if the name does not exist. */
    private Optional<List<DnsRecord.Data>> recordsAt(List<String> labels) {
        switch (labels.size()) {
            case 0:
                return Optional.of(List.of());
            case 1:
                return labels.get(0).equals("svc") || labels.get(0).equals("pod") ? Optional.of(List.of()) : Optional.empty();
            case 2:
                return labels.get(1).equals("svc") && directory.hasServicesIn(labels.get(0)) || labels.get(1).equals("pod")
                        ? Optional.of(List.of()) : Optional.empty();
            case 3:
                if (labels.get(2).equals("pod")) {
                    return podAddress(labels.get(0)).map(List::of);
                }
                return labels.get(2).equals("svc") ? serviceRecords(labels.get(1), labels.get(0)) : Optional.empty();
            case 4:
                return labels.get(3).equals("svc") ? endpointRecords(labels.get(2), labels.get(1), labels.get(0)) : Optional.empty();
            case 5:
                return labels.get(4).equals("svc") && labels.get(0).startsWith("_") && labels.get(1).startsWith("_")
                        ? portRecords(labels.get(3), labels.get(2), labels.get(0).substring(1), labels.get(1).substring(1))
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** {@code <svc>.<ns>.svc}: the virtual IP, the ready addresses (headless) or the alias, plus SRV for every port. */
    private Optional<List<DnsRecord.Data>> serviceRecords(String ns, String name) {
        Optional<Service> found = directory.service(ns, name);
        if (found.isEmpty() || found.get().spec() == null) {
            return Optional.empty();
        }
        Service svc = found.get();
        if ("ExternalName".equals(svc.spec().type())) {
            return svc.spec().externalName() == null ? Optional.empty()
                    : Optional.of(List.of(new DnsRecord.Cname(stripDot(svc.spec().externalName()))));
        }
        List<DnsRecord.Data> records = new ArrayList<>();
        List<DnsRecord.Srv> srvs = srvRecords(svc, ns, null, null);
        if (headless(svc)) {
            Map<String, EndpointAddress> ready = readyAddresses(ns, name);
            if (ready.isEmpty()) {
                return Optional.empty(); // as CoreDNS: a headless Service without ready endpoints is NXDOMAIN
            }
            ready.keySet().forEach(ip -> records.add(address(ip)));
        } else {
            records.add(address(svc.spec().clusterIP()));
        }
        records.addAll(srvs);
        return Optional.of(records);
    }

    /** {@code <endpoint>.<svc>.<ns>.svc}: the address whose hostname (or dashed IP) is the first label. */
    private Optional<List<DnsRecord.Data>> endpointRecords(String ns, String service, String endpoint) {
        if (directory.service(ns, service).isEmpty()) {
            return Optional.empty();
        }
        List<DnsRecord.Data> records = new ArrayList<>();
        readyAddresses(ns, service).forEach((ip, a) -> {
            if (endpointName(a).equals(endpoint)) {
                records.add(address(ip));
            }
        });
        return records.isEmpty() ? Optional.empty() : Optional.of(records);
    }

    /** {@code _<port>._<proto>.<svc>.<ns>.svc}: SRV for the named port. */
    private Optional<List<DnsRecord.Data>> portRecords(String ns, String service, String port, String proto) {
        Optional<Service> svc = directory.service(ns, service);
        if (svc.isEmpty() || svc.get().spec() == null || "ExternalName".equals(svc.get().spec().type())) {
            return Optional.empty();
        }
        List<DnsRecord.Srv> srvs = srvRecords(svc.get(), ns, port, proto);
        return srvs.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(srvs));
    }

    /**
     * SRV records of a Service, for one named port or (port null) all of them. A ClusterIP Service has one per port,
     * aimed at the Service's own name; a headless one has one per ready address and endpoint port, aimed at the
     * address's name, each weighted {@code 100 / count} as CoreDNS does.
     */
    private List<DnsRecord.Srv> srvRecords(Service svc, String ns, String port, String proto) {
        String name = svc.metadata().name();
        String svcName = name + "." + ns + ".svc." + domain;
        List<DnsRecord.Srv> out = new ArrayList<>();
        if (!headless(svc)) {
            for (ServicePort p : svc.spec().ports() == null ? List.<ServicePort>of() : svc.spec().ports()) {
                if (matches(p.name(), p.protocol(), port, proto) && p.port() != null) {
                    out.add(new DnsRecord.Srv(0, 100, p.port(), svcName));
                }
            }
            return out;
        }
        List<String[]> targets = new ArrayList<>();
        for (EndpointSubset subset : subsets(ns, name)) {
            for (EndpointPort p : subset.ports() == null ? List.<EndpointPort>of() : subset.ports()) {
                if (!matches(p.name(), p.protocol(), port, proto) || p.port() == null) {
                    continue;
                }
                for (EndpointAddress a : subset.addresses() == null ? List.<EndpointAddress>of() : subset.addresses()) {
                    targets.add(new String[] {endpointName(a) + "." + svcName, String.valueOf(p.port())});
                }
            }
        }
        int weight = targets.isEmpty() ? 0 : 100 / targets.size();
        targets.forEach(t -> out.add(new DnsRecord.Srv(0, weight, Integer.parseInt(t[1]), t[0])));
        return out;
    }

    private static boolean matches(String name, String protocol, String port, String proto) {
        if (port == null) {
            return true;
        }
        String p = protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        return name != null && name.toLowerCase(Locale.ROOT).equals(port) && p.equals(proto);
    }

    /** The address an SRV target stands for, for the additional section. */
    private Optional<DnsRecord.Data> addressOf(String target) {
        List<String> labels = List.of(target.substring(0, target.length() - domain.length() - 1).split("\\."));
        return recordsAt(labels).flatMap(records -> records.stream()
                .filter(r -> r instanceof DnsRecord.A || r instanceof DnsRecord.Aaaa).findFirst());
    }

    /** {@code a-b-c-d.<ns>.pod}: any dashed IPv4 address answers with itself, as {@code pods insecure}. */
    private static Optional<DnsRecord.Data> podAddress(String dashed) {
        String[] parts = dashed.split("-");
        if (parts.length != 4) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(new DnsRecord.A(String.join(".", parts)));
    }

    /** Ready addresses of the Service's Endpoints by IP (first occurrence wins), in the Endpoints' order. */
    private Map<String, EndpointAddress> readyAddresses(String ns, String name) {
        Map<String, EndpointAddress> out = new LinkedHashMap<>();
        for (EndpointSubset subset : subsets(ns, name)) {
            for (EndpointAddress a : subset.addresses() == null ? List.<EndpointAddress>of() : subset.addresses()) {
                if (a.ip() != null) {
                    out.putIfAbsent(a.ip(), a);
                }
            }
        }
        return out;
    }

    private List<EndpointSubset> subsets(String ns, String name) {
        return directory.endpoints(ns, name).map(Endpoints::subsets).orElse(List.of());
    }

    /** An address's DNS label: its hostname if it has one, else its IP with dashes ({@code 10-244-1-5}). */
    static String endpointName(EndpointAddress a) {
        if (a.hostname() != null && !a.hostname().isEmpty()) {
            return a.hostname().toLowerCase(Locale.ROOT);
        }
        return a.ip().replace('.', '-').replace(':', '-');
    }

    private static boolean headless(Service svc) {
        return svc.spec().clusterIP() == null || svc.spec().clusterIP().isEmpty() || "None".equals(svc.spec().clusterIP());
    }

    private static DnsRecord.Data address(String ip) {
        return ip.contains(":") ? new DnsRecord.Aaaa(ip) : new DnsRecord.A(ip);
    }

    /** NXDOMAIN or NODATA, with the zone's SOA in authority. */
    private DnsAnswer negative(DnsAnswer.Rcode rcode) {
        return new DnsAnswer.Authoritative(rcode, List.of(), List.of(soa()), List.of());
    }

    /** The zone's SOA as CoreDNS writes it: {@code ns.dns.<zone> hostmaster.<zone> serial 7200 1800 86400 ttl}. */
    DnsRecord soa() {
        return new DnsRecord(domain, TTL, new DnsRecord.Soa("ns.dns." + domain, "hostmaster." + domain,
                directory.serial(), 7200, 1800, 86400, TTL));
    }

    private static String normalize(String name) {
        return stripDot(name).toLowerCase(Locale.ROOT);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
