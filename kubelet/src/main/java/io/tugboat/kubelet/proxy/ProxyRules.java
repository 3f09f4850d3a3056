package io.tugboat.kubelet.proxy;

import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure heart of the service proxy: (Services, Endpoints, options) → the complete {@code iptables-restore} input
 * for Tugboat's own chains in the {@code nat} and {@code filter} tables. No I/O, no clock, no randomness: the same
 * objects give the same text byte for byte, which is how {@link ServiceProxy} knows that nothing changed.
 *
 * <p>The chains, as kube-proxy's iptables mode lays them out ({@code KUBE-} becomes the {@linkplain Options#prefix()
 * prefix}, {@code TUG} by default):
 *
 * <pre>
 *  nat PREROUTING, OUTPUT ─▶ TUG-SERVICES ─ -d VIP --dport P ─▶ TUG-SVC-H ─ random 1/n ─▶ TUG-SEP-H1 ─ DNAT ip1:port
 *                                │                               │          random 1/(n-1) ─▶ TUG-SEP-H2 ─ DNAT ip2:port
 *                                │                               │          (last, always) ─▶ TUG-SEP-H3 ─ DNAT ip3:port
 *                                │                               └─ ! -s clusterCIDR ─▶ TUG-MARK-MASQ (sets 0x4000)
 *                                └─ dst-type LOCAL (last rule) ─▶ TUG-NODEPORTS ─ --dport NP ─▶ TUG-EXT-H ─▶ MARK-MASQ, TUG-SVC-H
 *  nat POSTROUTING ─▶ TUG-POSTROUTING: packets marked 0x4000 are MASQUERADEd (the mark is cleared first)
 *
 *  filter OUTPUT, FORWARD (new connections) ─▶ TUG-SERVICES: -d VIP --dport P of a Service without endpoints ─▶ REJECT
 *  filter INPUT, FORWARD (new connections)  ─▶ TUG-EXTERNAL-SERVICES: its NodePort ─▶ REJECT
 *  filter FORWARD ─▶ TUG-FORWARD: accept marked and established traffic (Docker's FORWARD policy is DROP)
 *  filter INPUT ─▶ TUG-FIREWALL: drop packets to 127.0.0.0/8 that arrive from outside (route_localnet guard)
 * </pre>
 *
 * <p>Why each piece:
 * <ul>
 *   <li><b>Equal odds.</b> Rule i of n endpoints matches with probability 1/(n-i); a packet reaches it only if the
 *       earlier rules did not match, so every endpoint gets 1/n. Only the first packet of a connection walks these
 *       chains: conntrack remembers the DNAT for the rest.</li>
 *   <li><b>Session affinity</b> ({@code ClientIP}): each endpoint chain records the client's address in an
 *       {@code xt_recent} list named after the chain; the service chain first checks those lists ({@code --rcheck
 *       --seconds timeout --reap}) and sends a known client back to the same endpoint.</li>
 *   <li><b>Masquerade.</b> A packet DNATed to a pod must come back through this host to be un-NATed. Traffic from
 *       outside the cluster CIDR (the host itself, another machine), NodePort traffic, and hairpin traffic (a pod
 *       reaching itself through its Service: {@code -s podIP} in its own endpoint chain) is marked and gets this
 *       host's address as source on the way out.</li>
 *   <li><b>No endpoints → REJECT</b> in the filter table (nat cannot reject): the client sees "connection refused"
 *       at once instead of SYNs into the void.</li>
 *   <li><b>Stable names.</b> {@code TUG-SVC-} + the first 16 base32 characters of SHA-256 of
 *       {@code "ns/name:port" + protocol}; {@code TUG-SEP-} adds the endpoint {@code ip:port}. As kube-proxy's, so a
 *       Service keeps its chain across restarts and an unchanged cluster gives identical text.</li>
 * </ul>
 * Headless Services ({@code clusterIP: None}), Services without a ClusterIP and {@code ExternalName} Services get no
 * rules; protocols other than TCP and UDP are skipped; {@code externalIPs}, load balancer ingress and the
 * {@code Local} traffic policies are not implemented (every Service behaves as {@code Cluster}).
 */
public final class ProxyRules {
    /** The fwmark bit that asks for masquerading, kube-proxy's default ({@code --iptables-masquerade-bit=14}). */
    public static final String MASQ_MARK = "0x4000";

    /** The default affinity timeout of {@code sessionAffinity: ClientIP} (3 hours), as Kubernetes defaults it. */
    public static final int DEFAULT_AFFINITY_SECONDS = 10800;

    /**
     * What the rules depend on besides the API objects.
     *
     * @param prefix             chain name prefix ({@code TUG}); chains are {@code <prefix>-SERVICES}, ... — a test
     *                           uses its own prefix so it never touches a running proxy's chains
     * @param clusterCidr        the pod network; traffic to a ClusterIP from outside it is masqueraded
     * @param nodePortAddresses  CIDRs NodePorts answer on; empty: every local address ({@code addrtype LOCAL})
     * @param localhostNodePorts whether NodePorts answer on 127.0.0.1 too (needs {@code route_localnet=1}, as in
     *                           kube-proxy; the filter table then drops martian packets to 127.0.0.0/8)
     */
    public record Options(String prefix, String clusterCidr, List<String> nodePortAddresses, boolean localhostNodePorts) {
        public Options {
            nodePortAddresses = List.copyOf(nodePortAddresses);
        }

        public static Options defaults() {
            return new Options("TUG", "10.244.0.0/16", List.of(), true);
        }

        public Options withNodePortAddresses(List<String> nodePortAddresses) {
            return new Options(prefix, clusterCidr, nodePortAddresses, localhostNodePorts);
        }

        public Options withPrefix(String prefix) {
            return new Options(prefix, clusterCidr, nodePortAddresses, localhostNodePorts);
        }

        public String chain(String name) {
            return prefix + "-" + name;
        }
    }

    /** One rule that sends a built-in chain's packets into one of ours; the applier keeps it at the chain's top. */
    public record Jump(String table, String chain, List<String> args) {
        public Jump {
            args = List.copyOf(args);
        }
    }

    /** One backend of one service port. */
    record Endpoint(String ip, int port) {
        String hostPort() {
            return ip + ":" + port;
        }
    }

    private ProxyRules() {
    }

    /**
     * The jump rules from the built-in chains, in the order they must end up at the top of each chain. As
     * kube-proxy's: the filter jumps of {@code SERVICES} and {@code EXTERNAL-SERVICES} see new connections only.
     */
    public static List<Jump> jumps(Options options) {
        String services = options.chain("SERVICES");
        String comment = "tugboat service portals";
        List<Jump> jumps = new ArrayList<>();
        jumps.add(new Jump("nat", "PREROUTING", List.of("-m", "comment", "--comment", comment, "-j", services)));
        jumps.add(new Jump("nat", "OUTPUT", List.of("-m", "comment", "--comment", comment, "-j", services)));
        jumps.add(new Jump("nat", "POSTROUTING", List.of("-m", "comment", "--comment", "tugboat postrouting rules",
                "-j", options.chain("POSTROUTING"))));
        List<String> newOnly = List.of("-m", "conntrack", "--ctstate", "NEW");
        jumps.add(new Jump("filter", "INPUT", concat(newOnly, "-m", "comment", "--comment",
                "tugboat externally-visible service portals", "-j", options.chain("EXTERNAL-SERVICES"))));
        jumps.add(new Jump("filter", "INPUT", List.of("-j", options.chain("FIREWALL"))));
        jumps.add(new Jump("filter", "FORWARD", List.of("-m", "comment", "--comment", "tugboat forwarding rules",
                "-j", options.chain("FORWARD"))));
        jumps.add(new Jump("filter", "FORWARD", concat(newOnly, "-m", "comment", "--comment", comment, "-j", services)));
        jumps.add(new Jump("filter", "FORWARD", concat(newOnly, "-m", "comment", "--comment",
                "tugboat externally-visible service portals", "-j", options.chain("EXTERNAL-SERVICES"))));
        jumps.add(new Jump("filter", "OUTPUT", concat(newOnly, "-m", "comment", "--comment", comment, "-j", services)));
        return jumps;
    }

    /**
     * The {@code iptables-restore} input for every chain of ours, both tables, each ending in {@code COMMIT}. Chains
     * are declared ({@code :NAME - [0:0]}), which with {@code --noflush} empties exactly those chains and leaves
     * everyone else's rules alone.
     */
    public static String generate(Options options, Collection<Service> services, Collection<Endpoints> endpoints) {
        Map<String, Endpoints> endpointsByKey = new HashMap<>();
        for (Endpoints e : endpoints) {
            endpointsByKey.put(e.metadata().namespace() + "/" + e.metadata().name(), e);
        }
        List<Service> sorted = new ArrayList<>(services);
        sorted.sort(Comparator.comparing((Service s) -> s.metadata().namespace()).thenComparing(s -> s.metadata().name()));

        Writer writer = new Writer(options);
        writer.fixedRules();
        for (Service service : sorted) {
            if (!hasClusterIp(service.spec())) {
                continue;
            }
            Endpoints serviceEndpoints = endpointsByKey.get(service.metadata().namespace() + "/" + service.metadata().name());
            for (ServicePort port : service.spec().ports()) {
                String protocol = port.protocol() == null ? "TCP" : port.protocol();
                if ((protocol.equals("TCP") || protocol.equals("UDP")) && port.port() != null) {
                    writer.servicePort(service, port, protocol, readyEndpoints(serviceEndpoints, port, protocol));
                }
            }
        }
        return writer.text();
    }

    /** Builds the two tables: the fixed chains, then one service port at a time, then the NodePort dispatch. */
    private static final class Writer {
        private final Options options;
        private final Table nat = new Table("nat");
        private final Table filter = new Table("filter");
        private final List<String> nodePortRules = new ArrayList<>();
        private final String natServices;
        private final String nodePorts;
        private final String markMasq;

        Writer(Options options) {
            this.options = options;
            this.natServices = options.chain("SERVICES");
            this.nodePorts = options.chain("NODEPORTS");
            this.markMasq = options.chain("MARK-MASQ");
        }

        /** The chains and rules that do not depend on any Service. */
        void fixedRules() {
            String postrouting = options.chain("POSTROUTING");
            nat.declare(natServices, nodePorts, postrouting, markMasq);
            nat.rule(postrouting, "-m mark ! --mark " + MASQ_MARK + "/" + MASQ_MARK + " -j RETURN");
            // The mark rides on the packet beyond this host otherwise (encapsulation, a second NAT): clear it once used.
            nat.rule(postrouting, "-j MARK --xor-mark " + MASQ_MARK);
            nat.rule(postrouting, "-m comment --comment \"tugboat service traffic requiring SNAT\" -j MASQUERADE --random-fully");
            nat.rule(markMasq, "-j MARK --or-mark " + MASQ_MARK);

            String forward = options.chain("FORWARD");
            String firewall = options.chain("FIREWALL");
            filter.declare(options.chain("SERVICES"), options.chain("EXTERNAL-SERVICES"), forward, firewall);
            // Out-of-window packets conntrack calls INVALID would pass un-NATed and reset the client's connection.
            filter.rule(forward, "-m conntrack --ctstate INVALID -j DROP");
            filter.rule(forward, "-m comment --comment \"tugboat forwarding rules\" -m mark --mark " + MASQ_MARK + "/"
                    + MASQ_MARK + " -j ACCEPT");
            filter.rule(forward, "-m comment --comment \"tugboat forwarding conntrack rule\" -m conntrack --ctstate "
                    + "RELATED,ESTABLISHED -j ACCEPT");
            if (options.localhostNodePorts()) {
                filter.rule(firewall, "-m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 "
                        + "! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");
            }
        }

        /** The rules of one TCP or UDP port of a Service with a ClusterIP. */
        void servicePort(Service service, ServicePort port, String protocol, List<Endpoint> ready) {
            ServiceSpec spec = service.spec();
            String proto = protocol.toLowerCase(Locale.ROOT);
            String portName = service.metadata().namespace() + "/" + service.metadata().name()
                    + (port.name() == null || port.name().isEmpty() ? "" : ":" + port.name());
            String match = "-p " + proto + " -m " + proto;
            String vipMatch = match + " -d " + spec.clusterIP() + " --dport " + port.port();
            boolean withNodePort = ("NodePort".equals(spec.type()) || "LoadBalancer".equals(spec.type()))
                    && port.nodePort() != null && port.nodePort() > 0;

            if (ready.isEmpty()) {
                filter.rule(options.chain("SERVICES"), comment(portName + " has no endpoints") + vipMatch + " -j REJECT");
                if (withNodePort) {
                    for (String destination : nodePortDestinations(options)) {
                        filter.rule(options.chain("EXTERNAL-SERVICES"), comment(portName + " has no endpoints") + destination
                                + match + " --dport " + port.nodePort() + " -j REJECT");
                    }
                }
                return;
            }
            String svcChain = options.chain("SVC-" + hash(portName + proto));
            nat.declare(svcChain);
            nat.rule(natServices, comment(portName + " cluster IP") + vipMatch + " -j " + svcChain);
            nat.rule(svcChain, comment(portName + " cluster IP") + vipMatch + " ! -s " + options.clusterCidr()
                    + " -j " + markMasq);
            if (withNodePort) {
                String extChain = options.chain("EXT-" + hash(portName + proto));
                nat.declare(extChain);
                nodePortRules.add(comment(portName) + match + " --dport " + port.nodePort() + " -j " + extChain);
                nat.rule(extChain, comment("masquerade traffic for " + portName + " external destinations") + "-j " + markMasq);
                nat.rule(extChain, "-j " + svcChain);
            }
            List<String> sepChains = new ArrayList<>();
            for (Endpoint endpoint : ready) {
                sepChains.add(options.chain("SEP-" + hash(portName + proto + endpoint.hostPort())));
            }
            boolean affinity = "ClientIP".equals(spec.sessionAffinity());
            if (affinity) {
                int seconds = affinitySeconds(spec);
                for (int i = 0; i < ready.size(); i++) {
                    nat.rule(svcChain, comment(portName + " -> " + ready.get(i).hostPort()) + "-m recent --name "
                            + sepChains.get(i) + " --rcheck --seconds " + seconds + " --reap -j " + sepChains.get(i));
                }
            }
            for (int i = 0; i < ready.size(); i++) {
                int left = ready.size() - i;
                String odds = left == 1 ? "" : String.format(Locale.ROOT, "-m statistic --mode random --probability %.10f ",
                        1.0 / left);
                nat.rule(svcChain, comment(portName + " -> " + ready.get(i).hostPort()) + odds + "-j " + sepChains.get(i));
            }
            for (int i = 0; i < ready.size(); i++) {
                String sep = sepChains.get(i);
                nat.declare(sep);
                nat.rule(sep, comment(portName) + "-s " + ready.get(i).ip() + " -j " + markMasq);
                nat.rule(sep, comment(portName) + (affinity ? "-m recent --name " + sep + " --set " : "") + match
                        + " -j DNAT --to-destination " + ready.get(i).hostPort());
            }
        }

        String text() {
            nodePortRules.forEach(rule -> nat.rule(nodePorts, rule));
            // Must stay the last rule of SERVICES: a ClusterIP rule above may match a packet to a local address first.
            for (String destination : nodePortDestinations(options)) {
                nat.rule(natServices, comment("tugboat service nodeports; NOTE: this must be the last rule in this chain")
                        + destination + "-j " + nodePorts);
            }
            return nat.text() + filter.text();
        }
    }

    /** The chains {@link #generate} declares in {@code table}, read back from its text. */
    public static List<String> declaredChains(String rules, String table) {
        List<String> chains = new ArrayList<>();
        boolean in = false;
        for (String line : rules.split("\n")) {
            if (line.startsWith("*")) {
                in = line.equals("*" + table);
            } else if (in && line.startsWith(":")) {
                chains.add(line.substring(1, line.indexOf(' ')));
            }
        }
        return chains;
    }

    private static boolean hasClusterIp(ServiceSpec spec) {
        return spec != null && spec.ports() != null && !"ExternalName".equals(spec.type()) && spec.clusterIP() != null
                && !spec.clusterIP().isEmpty() && !spec.clusterIP().equals("None");
    }

    /** {@code sessionAffinityConfig.clientIP.timeoutSeconds}; the API server defaults it, but a bare object may lack it. */
    private static int affinitySeconds(ServiceSpec spec) {
        if (spec.sessionAffinityConfig() != null && spec.sessionAffinityConfig().clientIP() != null
                && spec.sessionAffinityConfig().clientIP().timeoutSeconds() != null) {
            return spec.sessionAffinityConfig().clientIP().timeoutSeconds();
        }
        return DEFAULT_AFFINITY_SECONDS;
    }

    /** Where NodePorts answer: every local address (127.0.0.1 only with localhost NodePorts), or the given CIDRs. */
    private static List<String> nodePortDestinations(Options options) {
        if (options.nodePortAddresses().isEmpty()) {
            return List.of("-m addrtype --dst-type LOCAL " + (options.localhostNodePorts() ? "" : "! -d 127.0.0.0/8 "));
        }
        return options.nodePortAddresses().stream().map(cidr -> "-d " + cidr + " ").toList();
    }

    /**
     * The ready addresses of {@code endpoints} for one service port, sorted so the text does not depend on the
     * order the endpoints controller wrote them in. Endpoints' ports carry the Service port's name (an unnamed
     * single port matches the unnamed one); not-ready addresses get no traffic.
     */
    static List<Endpoint> readyEndpoints(Endpoints endpoints, ServicePort servicePort, String protocol) {
        TreeSet<Endpoint> ready = new TreeSet<>(Comparator.comparing(Endpoint::ip).thenComparingInt(Endpoint::port));
        if (endpoints == null) {
            return List.of();
        }
        String wanted = servicePort.name() == null ? "" : servicePort.name();
        // Absent lists are null in the API objects: an Endpoints without subsets (no pods), a subset with only
        // not-ready addresses.
        for (EndpointSubset subset : orEmpty(endpoints.subsets())) {
            for (EndpointPort port : orEmpty(subset.ports())) {
                String name = port.name() == null ? "" : port.name();
                String portProtocol = port.protocol() == null ? "TCP" : port.protocol();
                if (!name.equals(wanted) || !portProtocol.equals(protocol) || port.port() == null) {
                    continue;
                }
                for (EndpointAddress address : orEmpty(subset.addresses())) {
                    if (address.ip() != null && !address.ip().isEmpty()) {
                        ready.add(new Endpoint(address.ip(), port.port()));
                    }
                }
            }
        }
        return List.copyOf(ready);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String comment(String text) {
        return "-m comment --comment \"" + text + "\" ";
    }

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** The first 16 base32 (RFC 4648) characters of SHA-256 of {@code text}: 80 bits, as kube-proxy's chain names. */
    static String hash(String text) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        StringBuilder out = new StringBuilder(16);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; out.length() < 16; i++) {
            buffer = (buffer << 8) | (digest[i] & 0xff);
            bits += 8;
            while (bits >= 5 && out.length() < 16) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** One table's text: chain declarations first (in order of first mention), then the rules, then COMMIT. */
    private static final class Table {
        private final String name;
        private final Set<String> chains = new LinkedHashSet<>();
        private final List<String> rules = new ArrayList<>();

        Table(String name) {
            this.name = name;
        }

        void declare(String... names) {
            chains.addAll(List.of(names));
        }

        void rule(String chain, String rule) {
            rules.add("-A " + chain + " " + rule.strip());
        }

        String text() {
            StringBuilder out = new StringBuilder("*").append(name).append('\n');
            chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
            rules.forEach(r -> out.append(r).append('\n'));
            return out.append("COMMIT\n").toString();
        }
    }
}
