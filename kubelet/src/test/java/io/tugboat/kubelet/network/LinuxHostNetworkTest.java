package io.tugboat.kubelet.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commands run and the output parsed, with canned outputs of {@code ip} and {@code iptables}. */
class LinuxHostNetworkTest {
    private final List<List<String>> ran = new ArrayList<>();

    private LinuxHostNetwork answering(Map<String, String> outputs) {
        return new LinuxHostNetwork(argv -> {
            ran.add(argv);
            String joined = String.join(" ", argv);
            return outputs.entrySet().stream().filter(e -> joined.contains(e.getKey())).findFirst()
                    .map(e -> e.getValue().startsWith("!") ? new LinuxHostNetwork.Commands.Result(1, e.getValue().substring(1))
                            : new LinuxHostNetwork.Commands.Result(0, e.getValue()))
                    .orElse(new LinuxHostNetwork.Commands.Result(0, ""));
        }, List.of("ip", "netns", "exec", "t"));
    }

    @Test
    void readsOnlyGatewayRoutesOfTheClusterRange() {
        LinuxHostNetwork host = answering(Map.of("route show", """
                10.244.2.0/24 via 192.168.56.12 dev eth0 proto 84
                10.244.3.0/24 via 192.168.56.13 dev eth0 proto 84 metric 10
                10.244.9.9 via 192.168.56.19 dev eth0 proto 84
                10.244.1.0/24 dev tug-1 proto 84 scope link
                """));
        assertEquals(List.of(new HostRoute(Ipv4Cidr.parse("10.244.2.0/24"), "192.168.56.12"),
                new HostRoute(Ipv4Cidr.parse("10.244.3.0/24"), "192.168.56.13"),
                new HostRoute(Ipv4Cidr.parse("10.244.9.9/32"), "192.168.56.19")), host.routes(Ipv4Cidr.parse("10.244.0.0/16")));
        assertEquals(List.of("ip", "netns", "exec", "t", "ip", "-4", "route", "show", "root", "10.244.0.0/16", "proto", "84"), ran.get(0));
    }

    @Test
    void readsTheHostsIpv4Addresses() {
        LinuxHostNetwork host = answering(Map.of("addr show", """
                1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
                2: eth0    inet 192.168.56.11/24 brd 192.168.56.255 scope global eth0\\       valid_lft forever
                5: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever
                """));
        assertEquals(java.util.Set.of("127.0.0.1", "192.168.56.11", "172.17.0.1"), host.addresses());
    }

    @Test
    void replacesAndDeletesRoutesWithTugboatsProtocol() {
        LinuxHostNetwork host = answering(Map.of("route del 10.244.5.0/24", "!RTNETLINK answers: No such process"));
        host.replaceRoute(new HostRoute(Ipv4Cidr.parse("10.244.2.0/24"), "192.168.56.12"));
        host.deleteRoute(new HostRoute(Ipv4Cidr.parse("10.244.5.0/24"), "192.168.56.15")); // already gone: fine
        assertEquals("ip -4 route replace 10.244.2.0/24 via 192.168.56.12 proto 84", String.join(" ", ran.get(0).subList(4, ran.get(0).size())));
        assertEquals("ip -4 route del 10.244.5.0/24 via 192.168.56.15 proto 84", String.join(" ", ran.get(1).subList(4, ran.get(1).size())));
    }

    @Test
    void aFailingCommandSaysWhatFailed() {
        LinuxHostNetwork host = answering(Map.of("-I DOCKER-USER", "!iptables: No chain/target/match by that name."));
        IptablesRule rule = new IptablesRule("filter", "DOCKER-USER", List.of("-s", "10.244.1.0/24"), "ACCEPT", "tugboat a: x");
        HostNetwork.HostNetworkException e = assertThrows(HostNetwork.HostNetworkException.class, () -> host.insertRule(rule));
        assertEquals("iptables -w 5 -t filter -I DOCKER-USER 1 -s 10.244.1.0/24 -m comment --comment tugboat a: x -j ACCEPT "
                + "failed (exit 1): iptables: No chain/target/match by that name.", e.getMessage());
    }

    @Test
    void listsOnlyTheOwnersRulesWithTheirSpecsUnquoted() {
        LinuxHostNetwork host = answering(Map.of("-S POSTROUTING", """
                -P POSTROUTING ACCEPT
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A POSTROUTING -s 10.244.1.0/24 ! -d 10.244.0.0/16 -m comment --comment "tugboat a: masquerade 10.244.1.0/24 leaving 10.244.0.0/16" -j MASQUERADE
                -A POSTROUTING -s 10.244.10.0/24 ! -d 10.244.0.0/16 -m comment --comment "tugboat a-0: masquerade" -j MASQUERADE
                -A POSTROUTING -m comment --comment "say \\"hi\\" tugboat a:" -j ACCEPT
                """));
        List<HostNetwork.InstalledRule> rules = host.rules("nat", "POSTROUTING", IptablesRule.ownerPrefix("a"));
        assertEquals(1, rules.size());
        assertEquals(List.of("-s", "10.244.1.0/24", "!", "-d", "10.244.0.0/16", "-m", "comment", "--comment",
                "tugboat a: masquerade 10.244.1.0/24 leaving 10.244.0.0/16", "-j", "MASQUERADE"), rules.get(0).spec());

        host.deleteRule(rules.get(0));
        assertEquals(List.of("ip", "netns", "exec", "t", "iptables", "-w", "5", "-t", "nat", "-D", "POSTROUTING", "-s", "10.244.1.0/24",
                "!", "-d", "10.244.0.0/16", "-m", "comment", "--comment", "tugboat a: masquerade 10.244.1.0/24 leaving 10.244.0.0/16",
                "-j", "MASQUERADE"), ran.get(1));
    }

    @Test
    void splitsQuotedWordsAsIptablesWritesThem() {
        assertEquals(List.of("-A", "X", "--comment", "a \"b\" c\\", "-j", "ACCEPT"),
                LinuxHostNetwork.split("-A X --comment \"a \\\"b\\\" c\\\\\" -j ACCEPT"));
        assertEquals(List.of("-A", "X", "--comment", "plain", "-j", "ACCEPT"), LinuxHostNetwork.split("-A X --comment plain -j ACCEPT"));
    }
}
