package io.tugboat.kubelet.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterDnsResolverTest {
    private static final long SERIAL = 1700000000L;
    private static final String SOA = "cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. "
            + SERIAL + " 7200 1800 86400 5";

    /** A ClusterIP Service with a named and an unnamed port; a headless one over a StatefulSet; an ExternalName. */
    private final ServiceDirectory cluster = ServiceDirectory.of(List.of(
            service("""
                    metadata: {name: web, namespace: default}
                    spec: {clusterIP: 10.96.0.20, ports: [{name: http, port: 80, targetPort: 8080}, {port: 9000, protocol: UDP}]}
                    """),
            service("""
                    metadata: {name: db, namespace: shop}
                    spec: {clusterIP: None, ports: [{name: pg, port: 5432}]}
                    """),
            service("""
                    metadata: {name: empty, namespace: shop}
                    spec: {clusterIP: None}
                    """),
            service("""
                    metadata: {name: search, namespace: default}
                    spec: {type: ExternalName, externalName: search.example.org}
                    """),
            service("""
                    metadata: {name: alias, namespace: shop}
                    spec: {type: ExternalName, externalName: web.default.svc.cluster.local.}
                    """)), List.of(
            endpoints("""
                    metadata: {name: web, namespace: default}
                    subsets: [{addresses: [{ip: 10.244.1.5}, {ip: 10.244.2.7}], ports: [{name: http, port: 8080}]}]
                    """),
            endpoints("""
                    metadata: {name: db, namespace: shop}
                    subsets:
                    - addresses: [{ip: 10.244.1.10, hostname: db-0}, {ip: 10.244.2.11, hostname: db-1}, {ip: 10.244.2.12}]
                      notReadyAddresses: [{ip: 10.244.1.13, hostname: db-2}]
                      ports: [{name: pg, port: 5432, protocol: TCP}]
                    """),
            endpoints("""
                    metadata: {name: empty, namespace: shop}
                    subsets: [{notReadyAddresses: [{ip: 10.244.1.20}]}]
                    """)), SERIAL);

    private final ClusterDnsResolver resolver = new ClusterDnsResolver("cluster.local", cluster);

    /**
     * Question → rcode, answers | authority | additional ("-" for none), records in dig's form, separated by ";".
     */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // a ClusterIP Service answers with its virtual IP, not with its endpoints
            "web.default.svc.cluster.local.  | A    | NOERROR  | web.default.svc.cluster.local. 5 IN A 10.96.0.20 | - | -",
            // names are case-insensitive; the answer repeats the name as asked
            "Web.Default.SVC.cluster.local   | A    | NOERROR  | Web.Default.SVC.cluster.local. 5 IN A 10.96.0.20 | - | -",
            // a known name without an IPv6 address: NODATA (NOERROR, nothing, SOA), never NXDOMAIN
            "web.default.svc.cluster.local.  | AAAA | NOERROR  | - | SOA | -",
            "nosuch.default.svc.cluster.local. | A  | NXDOMAIN | - | SOA | -",
            "web.nosuchns.svc.cluster.local. | A    | NXDOMAIN | - | SOA | -",
            "a.b.c.d.e.f.cluster.local.      | A    | NXDOMAIN | - | SOA | -",
            "web.default.cluster.local.      | A    | NXDOMAIN | - | SOA | -",
            // the names above services exist (empty non-terminals): NODATA
            "default.svc.cluster.local.      | A    | NOERROR  | - | SOA | -",
            "svc.cluster.local.              | A    | NOERROR  | - | SOA | -",
            "cluster.local.                  | SOA  | NOERROR  | " + SOA + " | - | -",
            // headless: one A per ready address, not-ready ones left out
            "db.shop.svc.cluster.local.      | A    | NOERROR  | db.shop.svc.cluster.local. 5 IN A 10.244.1.10;"
                    + "db.shop.svc.cluster.local. 5 IN A 10.244.2.11;db.shop.svc.cluster.local. 5 IN A 10.244.2.12 | - | -",
            // headless without ready addresses does not exist, as in CoreDNS
            "empty.shop.svc.cluster.local.   | A    | NXDOMAIN | - | SOA | -",
            // StatefulSet pods: <hostname>.<service>, and the dashed IP for an address without hostname
            "db-1.db.shop.svc.cluster.local. | A    | NOERROR  | db-1.db.shop.svc.cluster.local. 5 IN A 10.244.2.11 | - | -",
            "10-244-2-12.db.shop.svc.cluster.local. | A | NOERROR | 10-244-2-12.db.shop.svc.cluster.local. 5 IN A 10.244.2.12 | - | -",
            "db-2.db.shop.svc.cluster.local. | A    | NXDOMAIN | - | SOA | -",
            "db-9.db.shop.svc.cluster.local. | A    | NXDOMAIN | - | SOA | -",
            "db-0.db.shop.svc.cluster.local. | AAAA | NOERROR  | - | SOA | -",
            // SRV for a named port: the Service's own name for ClusterIP, with its address in additional
            "_http._tcp.web.default.svc.cluster.local. | SRV | NOERROR | _http._tcp.web.default.svc.cluster.local. 5 IN SRV 0 100 80 web.default.svc.cluster.local. | - "
                    + "| web.default.svc.cluster.local. 5 IN A 10.96.0.20",
            "_http._udp.web.default.svc.cluster.local. | SRV | NXDOMAIN | - | SOA | -",
            "_nosuch._tcp.web.default.svc.cluster.local. | SRV | NXDOMAIN | - | SOA | -",
            // headless SRV: one per ready address, aimed at its name, weight 100/count
            "_pg._tcp.db.shop.svc.cluster.local. | SRV | NOERROR | _pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 33 5432 db-0.db.shop.svc.cluster.local.;"
                    + "_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 33 5432 db-1.db.shop.svc.cluster.local.;"
                    + "_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 33 5432 10-244-2-12.db.shop.svc.cluster.local. | - "
                    + "| db-0.db.shop.svc.cluster.local. 5 IN A 10.244.1.10;db-1.db.shop.svc.cluster.local. 5 IN A 10.244.2.11;"
                    + "10-244-2-12.db.shop.svc.cluster.local. 5 IN A 10.244.2.12",
            // SRV of the Service's name itself: every port, named or not
            "web.default.svc.cluster.local.  | SRV  | NOERROR  | web.default.svc.cluster.local. 5 IN SRV 0 100 80 web.default.svc.cluster.local.;"
                    + "web.default.svc.cluster.local. 5 IN SRV 0 100 9000 web.default.svc.cluster.local. | - "
                    + "| web.default.svc.cluster.local. 5 IN A 10.96.0.20;web.default.svc.cluster.local. 5 IN A 10.96.0.20",
            // ExternalName: an alias, whatever the type asked
            "search.default.svc.cluster.local. | A  | NOERROR  | search.default.svc.cluster.local. 5 IN CNAME search.example.org. | - | -",
            // an alias of a name inside the cluster is followed here
            "alias.shop.svc.cluster.local.   | A    | NOERROR  | alias.shop.svc.cluster.local. 5 IN CNAME web.default.svc.cluster.local.;"
                    + "web.default.svc.cluster.local. 5 IN A 10.96.0.20 | - | -",
            // pods insecure: any dashed IPv4 in <ns>.pod
            "10-244-1-5.default.pod.cluster.local. | A | NOERROR | 10-244-1-5.default.pod.cluster.local. 5 IN A 10.244.1.5 | - | -",
            "10-244-1-500.default.pod.cluster.local. | A | NXDOMAIN | - | SOA | -",
    })
    void answersNamesInsideTheClusterDomain(String qname, String qtype, String rcode, String answers, String authority,
                                            String additional) {
        DnsAnswer.Authoritative answer = assertInstanceOf(DnsAnswer.Authoritative.class, resolver.resolve(qname, type(qtype)));
        assertEquals(rcode, answer.rcode().name());
        assertEquals(expected(answers), render(answer.answers()), "answers");
        assertEquals(expected(authority.equals("SOA") ? SOA : authority), render(answer.authority()), "authority");
        assertEquals(expected(additional), render(answer.additional()), "additional");
    }

    @ParameterizedTest
    @CsvSource({"example.org., A", "cluster.local.example.org., A", "notcluster.local., A", "10.in-addr.arpa., PTR"})
    void forwardsNamesOutsideTheClusterDomain(String qname, String qtype) {
        assertInstanceOf(DnsAnswer.Forward.class, resolver.resolve(qname, type(qtype)));
    }

    @Test
    void leavesAnAliasOutsideTheDomainToTheServer() {
        DnsAnswer.Authoritative answer = (DnsAnswer.Authoritative) resolver.resolve("search.default.svc.cluster.local", 1);
        assertEquals("search.example.org", resolver.upstreamAlias(answer, 1).orElseThrow());
        assertTrue(resolver.upstreamAlias(answer, 5).isEmpty(), "a CNAME question gets the alias alone");
        DnsAnswer.Authoritative inside = (DnsAnswer.Authoritative) resolver.resolve("alias.shop.svc.cluster.local", 1);
        assertTrue(resolver.upstreamAlias(inside, 1).isEmpty());
    }

    @Test
    void servesAnotherClusterDomain() {
        ClusterDnsResolver other = new ClusterDnsResolver("Tugboat.Example.", cluster);
        DnsAnswer.Authoritative answer = assertInstanceOf(DnsAnswer.Authoritative.class,
                other.resolve("web.default.svc.tugboat.example.", 1));
        assertEquals("[web.default.svc.tugboat.example. 5 IN A 10.96.0.20]", answer.answers().toString());
        assertInstanceOf(DnsAnswer.Forward.class, other.resolve("web.default.svc.cluster.local.", 1));
    }

    @Test
    void anIpv6ClusterIpIsAnAaaaRecord() {
        ServiceDirectory v6 = ServiceDirectory.of(List.of(service("""
                metadata: {name: web, namespace: default}
                spec: {clusterIP: "fd00::20"}
                """)), List.of(), SERIAL);
        ClusterDnsResolver r = new ClusterDnsResolver("cluster.local", v6);
        assertEquals("[web.default.svc.cluster.local. 5 IN AAAA fd00::20]",
                ((DnsAnswer.Authoritative) r.resolve("web.default.svc.cluster.local.", 28)).answers().toString());
        assertEquals(DnsAnswer.Rcode.NOERROR, ((DnsAnswer.Authoritative) r.resolve("web.default.svc.cluster.local.", 1)).rcode());
    }

    private static int type(String name) {
        return switch (name) {
            case "A" -> 1;
            case "SOA" -> 6;
            case "PTR" -> 12;
            case "AAAA" -> 28;
            case "SRV" -> 33;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static List<String> expected(String records) {
        return records.equals("-") ? List.of() : Arrays.stream(records.split(";")).map(String::trim).toList();
    }

    private static List<String> render(List<DnsRecord> records) {
        return records.stream().map(DnsRecord::toString).collect(Collectors.toList());
    }

    static Service service(String yaml) {
        try {
            return Codec.fromYaml("apiVersion: v1\nkind: Service\n" + yaml, Service.class).value();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Endpoints endpoints(String yaml) {
        try {
            return Codec.fromYaml("apiVersion: v1\nkind: Endpoints\n" + yaml, Endpoints.class).value();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
