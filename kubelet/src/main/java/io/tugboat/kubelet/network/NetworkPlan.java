package io.tugboat.kubelet.network;

import java.util.List;

/**
 * What this node's network should look like, decided by {@link NetworkPlanner} and carried out by {@link PodNetwork}.
 *
 * @param bridge the node's pod bridge, or null while the Node has no (usable) {@code spec.podCIDR}
 * @param routes a host-gw route per node on another host, sorted by destination
 * @param rules  the iptables rules this node's kubelet owns (empty without a bridge)
 */
public record NetworkPlan(PodBridge bridge, List<HostRoute> routes, List<IptablesRule> rules) {
    public NetworkPlan {
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }
}
