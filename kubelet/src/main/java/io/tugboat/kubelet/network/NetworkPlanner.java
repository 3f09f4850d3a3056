package io.tugboat.kubelet.network;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides a node's pod network from the Node list, and does nothing else (no I/O): flannel's host-gw backend as a
 * pure function.
 *
 * <pre>
 *   own Node's spec.podCIDR ──▶ bridge  tugboat-&lt;node&gt;  subnet 10.244.1.0/24, gateway 10.244.1.1
 *                           ──▶ rules   filter DOCKER-USER  -s 10.244.1.0/24 -j ACCEPT        (pods send anywhere)
 *                                       filter DOCKER-USER  -d 10.244.1.0/24 -j ACCEPT        (anything reaches pods)
 *                                       nat    POSTROUTING  -s 10.244.1.0/24 ! -d 10.244.0.0/16 -j MASQUERADE
 *   other Nodes (podCIDR, InternalIP on another host)
 *                           ──▶ routes  10.244.2.0/24 via 192.168.56.12 ...
 * </pre>
 *
 * Why these rules: Docker drops traffic between two of its bridges (its {@code DOCKER-ISOLATION} chains) and traffic
 * from outside to a container that publishes no port ({@code FORWARD} policy DROP); {@code DOCKER-USER} is the chain
 * Docker evaluates first and leaves to its users. Docker's own masquerading is switched off on the pod bridge
 * (it would hide a pod's address from pods on other bridges); the one masquerade rule here applies only to traffic
 * leaving the cluster range, so pod-to-pod traffic keeps its source address, as Kubernetes requires.
 *
 * <p>Every rule mentions only the node's own podCIDR and carries its name in the comment: two kubelets on one host
 * (as {@code tug up --nodes=2} runs them) each own their rules and never touch the other's. Routes are wanted
 * identically by every kubelet on a host (they depend on the Node list only), so those agree as well. Nodes on this
 * very host (their InternalIP is one of its addresses, loopback included) need no route: their bridges are local.
 */
public final class NetworkPlanner {
    private NetworkPlanner() {
    }

    /**
     * @param node           this kubelet's node name
     * @param clusterCidr    the whole pod range ({@code --cluster-cidr}): traffic to it is not masqueraded
     * @param nodes          every Node the informer knows (this one included, if registered)
     * @param isLocalAddress whether an address belongs to this host
     */
    public static NetworkPlan plan(String node, Ipv4Cidr clusterCidr, Collection<Node> nodes, Predicate<String> isLocalAddress) {
        Optional<Ipv4Cidr> own = nodes.stream().filter(n -> node.equals(n.metadata().name())).findFirst()
                .flatMap(NetworkPlanner::podCidr);
        PodBridge bridge = own.map(cidr -> PodBridge.forNode(node, cidr)).orElse(null);
        List<IptablesRule> rules = own.map(cidr -> rules(node, cidr, clusterCidr)).orElse(List.of());
        return new NetworkPlan(bridge, routes(node, own, nodes, isLocalAddress), rules);
    }

    private static List<IptablesRule> rules(String node, Ipv4Cidr pods, Ipv4Cidr cluster) {
        String owner = IptablesRule.ownerPrefix(node);
        return List.of(
                new IptablesRule("filter", "DOCKER-USER", List.of("-s", pods.toString()), "ACCEPT",
                        owner + " forward from pods " + pods),
                new IptablesRule("filter", "DOCKER-USER", List.of("-d", pods.toString()), "ACCEPT",
                        owner + " forward to pods " + pods),
                new IptablesRule("nat", "POSTROUTING", List.of("-s", pods.toString(), "!", "-d", cluster.toString()),
                        "MASQUERADE", owner + " masquerade " + pods + " leaving " + cluster));
    }

    private static List<HostRoute> routes(String node, Optional<Ipv4Cidr> own, Collection<Node> nodes,
                                          Predicate<String> isLocalAddress) {
        List<Node> others = new ArrayList<>(nodes.stream().filter(n -> !node.equals(n.metadata().name())).toList());
        others.sort(Comparator.comparing(n -> n.metadata().name()));
        Set<Ipv4Cidr> seen = new HashSet<>();
        own.ifPresent(seen::add);
        List<HostRoute> routes = new ArrayList<>();
        for (Node other : others) {
            Optional<Ipv4Cidr> cidr = podCidr(other);
            Optional<String> ip = internalIp(other);
            if (cidr.isEmpty() || ip.isEmpty() || isLocalAddress.test(ip.get())) {
                continue; // no range yet, no address to route to, or a bridge on this very host
            }
            if (own.isPresent() && (own.get().contains(cidr.get()) || cidr.get().contains(own.get()))) {
                continue; // overlaps our own range: routing it away would cut off our own pods
            }
            if (seen.add(cidr.get())) {
                routes.add(new HostRoute(cidr.get(), ip.get()));
            }
        }
        routes.sort(Comparator.comparingLong((HostRoute r) -> Integer.toUnsignedLong(r.destination().address()))
                .thenComparingInt(r -> r.destination().prefix()));
        return routes;
    }

    /** The Node's IPv4 pod range: {@code spec.podCIDR}, else the first IPv4 one of {@code spec.podCIDRs}. */
    static Optional<Ipv4Cidr> podCidr(Node node) {
        if (node.spec() == null) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        if (node.spec().podCIDR() != null) {
            candidates.add(node.spec().podCIDR());
        }
        if (node.spec().podCIDRs() != null) {
            candidates.addAll(node.spec().podCIDRs());
        }
        return candidates.stream().filter(Ipv4Cidr::isValid).findFirst().map(Ipv4Cidr::parse);
    }

    /** The Node's first IPv4 {@code InternalIP}. */
    static Optional<String> internalIp(Node node) {
        if (node.status() == null || node.status().addresses() == null) {
            return Optional.empty();
        }
        return node.status().addresses().stream().filter(a -> "InternalIP".equals(a.type()))
                .map(NodeAddress::address).filter(a -> a != null && Ipv4Cidr.isAddress(a)).findFirst();
    }
}
