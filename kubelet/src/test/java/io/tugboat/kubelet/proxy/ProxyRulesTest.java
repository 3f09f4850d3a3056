package io.tugboat.kubelet.proxy;

import static io.tugboat.kubelet.proxy.ProxyFixtures.clusterIP;
import static io.tugboat.kubelet.proxy.ProxyFixtures.endpointPort;
import static io.tugboat.kubelet.proxy.ProxyFixtures.endpoints;
import static io.tugboat.kubelet.proxy.ProxyFixtures.nodePort;
import static io.tugboat.kubelet.proxy.ProxyFixtures.port;
import static io.tugboat.kubelet.proxy.ProxyFixtures.service;
import static io.tugboat.kubelet.proxy.ProxyFixtures.subset;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tables: (Services, Endpoints) → the exact {@code iptables-restore} text. Chain hashes were computed
 * outside Java (base32 of SHA-256, as kube-proxy names its chains) and the rules written out by hand from
 * kube-proxy's iptables layout.
 */
class ProxyRulesTest {
    static final ProxyRules.Options OPTIONS = ProxyRules.Options.defaults();

    /** The chains and rules every generation has, services or not; {@code %s} are the per-case parts. */
    static final String TEMPLATE = """
            *nat
            :TUG-SERVICES - [0:0]
            :TUG-NODEPORTS - [0:0]
            :TUG-POSTROUTING - [0:0]
            :TUG-MARK-MASQ - [0:0]
            %s-A TUG-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
            -A TUG-POSTROUTING -j MARK --xor-mark 0x4000
            -A TUG-POSTROUTING -m comment --comment "tugboat service traffic requiring SNAT" -j MASQUERADE --random-fully
            -A TUG-MARK-MASQ -j MARK --or-mark 0x4000
            %s-A TUG-SERVICES -m comment --comment "tugboat service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j TUG-NODEPORTS
            COMMIT
            *filter
            :TUG-SERVICES - [0:0]
            :TUG-EXTERNAL-SERVICES - [0:0]
            :TUG-FORWARD - [0:0]
            :TUG-FIREWALL - [0:0]
            -A TUG-FORWARD -m conntrack --ctstate INVALID -j DROP
            -A TUG-FORWARD -m comment --comment "tugboat forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
            -A TUG-FORWARD -m comment --comment "tugboat forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A TUG-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
            %sCOMMIT
            """;

    static String expected(String natChains, String natRules, String filterRules) {
        return TEMPLATE.formatted(natChains, natRules, filterRules);
    }

    static Arguments row(String name, List<Service> services, List<Endpoints> endpoints, String expected) {
        return Arguments.of(name, services, endpoints, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("no services: only the fixed chains", List.of(), List.of(), expected("", "", "")),

                row("ClusterIP with three ready endpoints: odds 1/3, 1/2, then the rest; not-ready addresses get nothing",
                        List.of(clusterIP("ns1", "svc1", "172.30.0.41", port("p80", "TCP", 80, 8080))),
                        List.of(endpoints("ns1", "svc1", subset(List.of("10.180.0.3", "10.180.0.1", "10.180.0.2"),
                                List.of("10.180.0.9"), endpointPort("p80", "TCP", 8080)))),
                        expected("""
                                :TUG-SVC-XPGD46QRK7WJZT7O - [0:0]
                                :TUG-SEP-CPWPCALSNDDLLDLJ - [0:0]
                                :TUG-SEP-VLCBLZ3INDL6LVTP - [0:0]
                                :TUG-SEP-NAZVJRW4ZXJURRRS - [0:0]
                                """, """
                                -A TUG-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -p tcp -m tcp -d 172.30.0.41 --dport 80 -j TUG-SVC-XPGD46QRK7WJZT7O
                                -A TUG-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -p tcp -m tcp -d 172.30.0.41 --dport 80 ! -s 10.244.0.0/16 -j TUG-MARK-MASQ
                                -A TUG-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:8080" -m statistic --mode random --probability 0.3333333333 -j TUG-SEP-CPWPCALSNDDLLDLJ
                                -A TUG-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:8080" -m statistic --mode random --probability 0.5000000000 -j TUG-SEP-VLCBLZ3INDL6LVTP
                                -A TUG-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.3:8080" -j TUG-SEP-NAZVJRW4ZXJURRRS
                                -A TUG-SEP-CPWPCALSNDDLLDLJ -m comment --comment "ns1/svc1:p80" -s 10.180.0.1 -j TUG-MARK-MASQ
                                -A TUG-SEP-CPWPCALSNDDLLDLJ -m comment --comment "ns1/svc1:p80" -p tcp -m tcp -j DNAT --to-destination 10.180.0.1:8080
                                -A TUG-SEP-VLCBLZ3INDL6LVTP -m comment --comment "ns1/svc1:p80" -s 10.180.0.2 -j TUG-MARK-MASQ
                                -A TUG-SEP-VLCBLZ3INDL6LVTP -m comment --comment "ns1/svc1:p80" -p tcp -m tcp -j DNAT --to-destination 10.180.0.2:8080
                                -A TUG-SEP-NAZVJRW4ZXJURRRS -m comment --comment "ns1/svc1:p80" -s 10.180.0.3 -j TUG-MARK-MASQ
                                -A TUG-SEP-NAZVJRW4ZXJURRRS -m comment --comment "ns1/svc1:p80" -p tcp -m tcp -j DNAT --to-destination 10.180.0.3:8080
                                """, "")),

                row("UDP and TCP ports of one Service get a chain each, matched by port name and protocol",
                        List.of(clusterIP("kube-system", "dns", "10.96.0.10", port("dns", "UDP", 53, 53), port("dns-tcp", "TCP", 53, 53))),
                        List.of(endpoints("kube-system", "dns", subset(List.of("10.180.0.7"), List.of(),
                                endpointPort("dns", "UDP", 53), endpointPort("dns-tcp", "TCP", 53)))),
                        expected("""
                                :TUG-SVC-2KKYJRIGYGQNRODB - [0:0]
                                :TUG-SEP-XZDK64UQATMM2IJW - [0:0]
                                :TUG-SVC-3RVWGMRXZPMMAFG6 - [0:0]
                                :TUG-SEP-XVM74GLYE75J54JF - [0:0]
                                """, """
                                -A TUG-SERVICES -m comment --comment "kube-system/dns:dns cluster IP" -p udp -m udp -d 10.96.0.10 --dport 53 -j TUG-SVC-2KKYJRIGYGQNRODB
                                -A TUG-SVC-2KKYJRIGYGQNRODB -m comment --comment "kube-system/dns:dns cluster IP" -p udp -m udp -d 10.96.0.10 --dport 53 ! -s 10.244.0.0/16 -j TUG-MARK-MASQ
                                -A TUG-SVC-2KKYJRIGYGQNRODB -m comment --comment "kube-system/dns:dns -> 10.180.0.7:53" -j TUG-SEP-XZDK64UQATMM2IJW
                                -A TUG-SEP-XZDK64UQATMM2IJW -m comment --comment "kube-system/dns:dns" -s 10.180.0.7 -j TUG-MARK-MASQ
                                -A TUG-SEP-XZDK64UQATMM2IJW -m comment --comment "kube-system/dns:dns" -p udp -m udp -j DNAT --to-destination 10.180.0.7:53
                                -A TUG-SERVICES -m comment --comment "kube-system/dns:dns-tcp cluster IP" -p tcp -m tcp -d 10.96.0.10 --dport 53 -j TUG-SVC-3RVWGMRXZPMMAFG6
                                -A TUG-SVC-3RVWGMRXZPMMAFG6 -m comment --comment "kube-system/dns:dns-tcp cluster IP" -p tcp -m tcp -d 10.96.0.10 --dport 53 ! -s 10.244.0.0/16 -j TUG-MARK-MASQ
                                -A TUG-SVC-3RVWGMRXZPMMAFG6 -m comment --comment "kube-system/dns:dns-tcp -> 10.180.0.7:53" -j TUG-SEP-XVM74GLYE75J54JF
                                -A TUG-SEP-XVM74GLYE75J54JF -m comment --comment "kube-system/dns:dns-tcp" -s 10.180.0.7 -j TUG-MARK-MASQ
                                -A TUG-SEP-XVM74GLYE75J54JF -m comment --comment "kube-system/dns:dns-tcp" -p tcp -m tcp -j DNAT --to-destination 10.180.0.7:53
                                """, "")),

                row("sessionAffinity ClientIP: known clients go back to their endpoint for 10800 s, new ones are recorded",
                        List.of(service("ns1", "sticky", "ClusterIP", "172.30.0.42", "ClientIP", port("http", "TCP", 80, 80))),
                        List.of(endpoints("ns1", "sticky", subset(List.of("10.180.0.1", "10.180.0.2"), List.of(),
                                endpointPort("http", "TCP", 80)))),
                        expected("""
                                :TUG-SVC-R35JJSBTJKGQA2QM - [0:0]
                                :TUG-SEP-GEFPKPCMR7UT4NF5 - [0:0]
                                :TUG-SEP-BPCLSYSKBEHSJO2P - [0:0]
                                """, """
                                -A TUG-SERVICES -m comment --comment "ns1/sticky:http cluster IP" -p tcp -m tcp -d 172.30.0.42 --dport 80 -j TUG-SVC-R35JJSBTJKGQA2QM
                                -A TUG-SVC-R35JJSBTJKGQA2QM -m comment --comment "ns1/sticky:http cluster IP" -p tcp -m tcp -d 172.30.0.42 --dport 80 ! -s 10.244.0.0/16 -j TUG-MARK-MASQ
                                -A TUG-SVC-R35JJSBTJKGQA2QM -m comment --comment "ns1/sticky:http -> 10.180.0.1:80" -m recent --name TUG-SEP-GEFPKPCMR7UT4NF5 --rcheck --seconds 10800 --reap -j TUG-SEP-GEFPKPCMR7UT4NF5
                                -A TUG-SVC-R35JJSBTJKGQA2QM -m comment --comment "ns1/sticky:http -> 10.180.0.2:80" -m recent --name TUG-SEP-BPCLSYSKBEHSJO2P --rcheck --seconds 10800 --reap -j TUG-SEP-BPCLSYSKBEHSJO2P
                                -A TUG-SVC-R35JJSBTJKGQA2QM -m comment --comment "ns1/sticky:http -> 10.180.0.1:80" -m statistic --mode random --probability 0.5000000000 -j TUG-SEP-GEFPKPCMR7UT4NF5
                                -A TUG-SVC-R35JJSBTJKGQA2QM -m comment --comment "ns1/sticky:http -> 10.180.0.2:80" -j TUG-SEP-BPCLSYSKBEHSJO2P
                                -A TUG-SEP-GEFPKPCMR7UT4NF5 -m comment --comment "ns1/sticky:http" -s 10.180.0.1 -j TUG-MARK-MASQ
                                -A TUG-SEP-GEFPKPCMR7UT4NF5 -m comment --comment "ns1/sticky:http" -m recent --name TUG-SEP-GEFPKPCMR7UT4NF5 --set -p tcp -m tcp -j DNAT --to-destination 10.180.0.1:80
                                -A TUG-SEP-BPCLSYSKBEHSJO2P -m comment --comment "ns1/sticky:http" -s 10.180.0.2 -j TUG-MARK-MASQ
                                -A TUG-SEP-BPCLSYSKBEHSJO2P -m comment --comment "ns1/sticky:http" -m recent --name TUG-SEP-BPCLSYSKBEHSJO2P --set -p tcp -m tcp -j DNAT --to-destination 10.180.0.2:80
                                """, "")),

                row("NodePort: every local address's port goes through TUG-EXT (always masqueraded) to the service chain",
                        List.of(service("ns2", "web", "NodePort", "172.30.0.43", "None", nodePort("http", "TCP", 80, 8080, 30080))),
                        List.of(endpoints("ns2", "web", subset(List.of("10.180.1.5"), List.of(), endpointPort("http", "TCP", 8080)))),
                        expected("""
                                :TUG-SVC-7UQ5MBLAVSKMG6DI - [0:0]
                                :TUG-EXT-7UQ5MBLAVSKMG6DI - [0:0]
                                :TUG-SEP-MBULGQQ2PUAYW5HP - [0:0]
                                """, """
                                -A TUG-SERVICES -m comment --comment "ns2/web:http cluster IP" -p tcp -m tcp -d 172.30.0.43 --dport 80 -j TUG-SVC-7UQ5MBLAVSKMG6DI
                                -A TUG-SVC-7UQ5MBLAVSKMG6DI -m comment --comment "ns2/web:http cluster IP" -p tcp -m tcp -d 172.30.0.43 --dport 80 ! -s 10.244.0.0/16 -j TUG-MARK-MASQ
                                -A TUG-EXT-7UQ5MBLAVSKMG6DI -m comment --comment "masquerade traffic for ns2/web:http external destinations" -j TUG-MARK-MASQ
                                -A TUG-EXT-7UQ5MBLAVSKMG6DI -j TUG-SVC-7UQ5MBLAVSKMG6DI
                                -A TUG-SVC-7UQ5MBLAVSKMG6DI -m comment --comment "ns2/web:http -> 10.180.1.5:8080" -j TUG-SEP-MBULGQQ2PUAYW5HP
                                -A TUG-SEP-MBULGQQ2PUAYW5HP -m comment --comment "ns2/web:http" -s 10.180.1.5 -j TUG-MARK-MASQ
                                -A TUG-SEP-MBULGQQ2PUAYW5HP -m comment --comment "ns2/web:http" -p tcp -m tcp -j DNAT --to-destination 10.180.1.5:8080
                                -A TUG-NODEPORTS -m comment --comment "ns2/web:http" -p tcp -m tcp --dport 30080 -j TUG-EXT-7UQ5MBLAVSKMG6DI
                                """, "")),

                row("no ready endpoints: the ClusterIP and the NodePort are REJECTed in the filter table, nat has nothing",
                        List.of(service("ns2", "web", "NodePort", "172.30.0.43", "None", nodePort("http", "TCP", 80, 8080, 30080),
                                nodePort("udp", "UDP", 9000, 9000, 30090))),
                        List.of(endpoints("ns2", "web", subset(List.of(), List.of("10.180.1.5"), endpointPort("http", "TCP", 8080)))),
                        expected("", "", """
                                -A TUG-SERVICES -m comment --comment "ns2/web:http has no endpoints" -p tcp -m tcp -d 172.30.0.43 --dport 80 -j REJECT
                                -A TUG-EXTERNAL-SERVICES -m comment --comment "ns2/web:http has no endpoints" -m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30080 -j REJECT
                                -A TUG-SERVICES -m comment --comment "ns2/web:udp has no endpoints" -p udp -m udp -d 172.30.0.43 --dport 9000 -j REJECT
                                -A TUG-EXTERNAL-SERVICES -m comment --comment "ns2/web:udp has no endpoints" -m addrtype --dst-type LOCAL -p udp -m udp --dport 30090 -j REJECT
                                """)),

                row("absent lists, as the API server returns them: no subsets at all, a subset of not-ready addresses only",
                        List.of(clusterIP("ns1", "svc1", "172.30.0.41", port("p80", "TCP", 80, 8080)),
                                clusterIP("ns1", "svc2", "172.30.0.42", port("p80", "TCP", 80, 8080))),
                        List.of(Endpoints.of(ProxyFixtures.meta("ns1", "svc1"), null),
                                endpoints("ns1", "svc2", new EndpointSubset(null, List.of(ProxyFixtures.address("10.180.0.1")),
                                        List.of(endpointPort("p80", "TCP", 8080))))),
                        expected("", "", """
                                -A TUG-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -p tcp -m tcp -d 172.30.0.41 --dport 80 -j REJECT
                                -A TUG-SERVICES -m comment --comment "ns1/svc2:p80 has no endpoints" -p tcp -m tcp -d 172.30.0.42 --dport 80 -j REJECT
                                """)),

                row("endpoints whose port name differs from the Service's count as none",
                        List.of(clusterIP("ns1", "svc1", "172.30.0.41", port("p80", "TCP", 80, 8080))),
                        List.of(endpoints("ns1", "svc1", subset(List.of("10.180.0.1"), List.of(), endpointPort("other", "TCP", 8080)))),
                        expected("", "", """
                                -A TUG-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -p tcp -m tcp -d 172.30.0.41 --dport 80 -j REJECT
                                """)),

                row("headless, ClusterIP-less and ExternalName Services get no rules at all",
                        List.of(clusterIP("ns1", "headless", "None", port("p80", "TCP", 80, 80)),
                                clusterIP("ns1", "pending", null, port("p80", "TCP", 80, 80)),
                                service("ns1", "ext", "ExternalName", null, "None", port("p80", "TCP", 80, 80))),
                        List.of(endpoints("ns1", "headless", subset(List.of("10.180.0.1"), List.of(), endpointPort("p80", "TCP", 80)))),
                        expected("", "", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatesTheExpectedRules(String name, List<Service> services, List<Endpoints> endpoints, String expected) {
        assertEquals(expected, ProxyRules.generate(OPTIONS, services, endpoints));
    }

    @Test
    void nodePortAddressesAndNoLocalhostReplaceTheLocalAddressMatch() {
        ProxyRules.Options options = new ProxyRules.Options("TUG", "10.244.0.0/16", List.of("192.0.2.0/24"), false);
        String rules = ProxyRules.generate(options, List.of(service("ns2", "web", "NodePort", "172.30.0.43", "None",
                nodePort("http", "TCP", 80, 8080, 30080))), List.of());
        assertEquals(List.of(
                "-A TUG-SERVICES -m comment --comment \"tugboat service nodeports; NOTE: this must be the last rule in this chain\" -d 192.0.2.0/24 -j TUG-NODEPORTS",
                "-A TUG-EXTERNAL-SERVICES -m comment --comment \"ns2/web:http has no endpoints\" -d 192.0.2.0/24 -p tcp -m tcp --dport 30080 -j REJECT"),
                rules.lines().filter(l -> l.contains("-d 192.0.2.0/24")).toList());
        assertEquals(List.of(), rules.lines().filter(l -> l.contains("localnet")).toList(),
                "without localhost NodePorts there is no route_localnet guard");
        String local = ProxyRules.generate(options.withNodePortAddresses(List.of()), List.of(), List.of());
        assertEquals(List.of("-A TUG-SERVICES -m comment --comment \"tugboat service nodeports; NOTE: this must be the "
                + "last rule in this chain\" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j TUG-NODEPORTS"),
                local.lines().filter(l -> l.contains("TUG-NODEPORTS") && l.startsWith("-A")).toList());
    }

    @Test
    void theAffinityTimeoutComesFromSessionAffinityConfig() {
        Service sticky = service("ns1", "sticky", "ClusterIP", "172.30.0.42", "ClientIP", port("http", "TCP", 80, 80));
        sticky = sticky.withSpec(sticky.spec().withSessionAffinityConfig(
                new io.tugboat.api.core.SessionAffinityConfig(new io.tugboat.api.core.ClientIPConfig(60))));
        String rules = ProxyRules.generate(OPTIONS, List.of(sticky), List.of(endpoints("ns1", "sticky",
                subset(List.of("10.180.0.1"), List.of(), endpointPort("http", "TCP", 80)))));
        assertEquals(List.of("-A TUG-SVC-R35JJSBTJKGQA2QM -m comment --comment \"ns1/sticky:http -> 10.180.0.1:80\" -m recent "
                + "--name TUG-SEP-GEFPKPCMR7UT4NF5 --rcheck --seconds 60 --reap -j TUG-SEP-GEFPKPCMR7UT4NF5"),
                rules.lines().filter(l -> l.contains("--rcheck")).toList());
    }

    @Test
    void theOrderObjectsArriveInDoesNotChangeTheText() {
        List<Service> services = new ArrayList<>(List.of(
                clusterIP("ns1", "a", "10.96.0.11", port("p", "TCP", 80, 80)),
                clusterIP("ns1", "b", "10.96.0.12", port("p", "TCP", 80, 80)),
                clusterIP("ns0", "c", "10.96.0.13", port("p", "UDP", 53, 53))));
        List<Endpoints> endpoints = new ArrayList<>(List.of(
                endpoints("ns1", "a", subset(List.of("10.1.0.1", "10.1.0.2"), List.of(), endpointPort("p", "TCP", 80))),
                endpoints("ns1", "b", subset(List.of("10.1.0.3"), List.of(), endpointPort("p", "TCP", 80)),
                        subset(List.of("10.1.0.4"), List.of(), endpointPort("p", "TCP", 80)))));
        String first = ProxyRules.generate(OPTIONS, services, endpoints);
        Collections.reverse(services);
        Collections.reverse(endpoints);
        List<Endpoints> reordered = endpoints.stream().map(e -> e.withSubsets(reversed(e.subsets()))).toList();
        assertEquals(first, ProxyRules.generate(OPTIONS, services, reordered));
    }

    @Test
    void chainNamesAreKubeProxysHashes() {
        // kube-proxy's own test expectations: ns1/svc1:p80 is KUBE-SVC-XPGD46QRK7WJZT7O, its endpoint 10.180.0.1:80
        // is KUBE-SEP-SXIVWICOYRO3J4NJ, ns2/svc2:p80 is KUBE-SVC-GNZBNJ2PO5MGZ6GT.
        assertEquals("XPGD46QRK7WJZT7O", ProxyRules.hash("ns1/svc1:p80tcp"));
        assertEquals("SXIVWICOYRO3J4NJ", ProxyRules.hash("ns1/svc1:p80tcp10.180.0.1:80"));
        assertEquals("GNZBNJ2PO5MGZ6GT", ProxyRules.hash("ns2/svc2:p80tcp"));
    }

    @Test
    void declaredChainsAreReadBackPerTable() {
        String rules = ProxyRules.generate(OPTIONS, List.of(), List.of());
        assertEquals(List.of("TUG-SERVICES", "TUG-NODEPORTS", "TUG-POSTROUTING", "TUG-MARK-MASQ"),
                ProxyRules.declaredChains(rules, "nat"));
        assertEquals(List.of("TUG-SERVICES", "TUG-EXTERNAL-SERVICES", "TUG-FORWARD", "TUG-FIREWALL"),
                ProxyRules.declaredChains(rules, "filter"));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
