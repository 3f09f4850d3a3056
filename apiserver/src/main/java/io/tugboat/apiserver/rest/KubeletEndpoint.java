package io.tugboat.apiserver.rest;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAddress;
import java.util.List;

/**
 * Where a node's kubelet listens, as its Node reports it: the first of its {@code InternalIP}, {@code ExternalIP},
 * {@code Hostname} addresses and {@code status.daemonEndpoints.kubeletEndpoint.Port} — how Kubernetes' API server
 * finds a kubelet for logs, exec, attach and port-forward.
 */
public record KubeletEndpoint(String host, int port) {
    /** @throws ApiError 503 when the node does not (yet) say where its kubelet is */
    public static KubeletEndpoint of(Node node) {
        if (node.status() == null || node.status().daemonEndpoints() == null
                || node.status().daemonEndpoints().kubeletEndpoint() == null
                || node.status().daemonEndpoints().kubeletEndpoint().port() == null) {
            throw ApiError.unavailable("node " + node.metadata().name() + " does not report a kubelet port");
        }
        int port = node.status().daemonEndpoints().kubeletEndpoint().port();
        List<NodeAddress> addresses = node.status().addresses() == null ? List.of() : node.status().addresses();
        for (String type : List.of("InternalIP", "ExternalIP", "Hostname")) {
            for (NodeAddress a : addresses) {
                if (type.equals(a.type())) {
                    return new KubeletEndpoint(a.address(), port);
                }
            }
        }
        throw ApiError.unavailable("node " + node.metadata().name() + " has no address");
    }

    /** {@code host:port}, with brackets around an IPv6 address, as in a URL. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
