package io.tugboat.kubelet.dns;

import java.nio.file.Path;
import java.util.List;

/**
 * A kubelet's DNS settings, from {@code tug kubelet}'s flags.
 *
 * @param serve         run the cluster DNS server on the pod bridge's gateway address ({@code --serve-cluster-dns})
 * @param clusterDomain the cluster's domain ({@code --cluster-domain}, {@code cluster.local})
 * @param clusterDns    the nameservers ClusterFirst pods get ({@code --cluster-dns}); empty: this kubelet's own
 *                      server if it serves, else none (and ClusterFirst pods fall back to Default, as in Kubernetes)
 * @param resolvConf    the node's resolver file ({@code --resolv-conf}): Default pods copy it, the server forwards to it
 */
public record NodeDnsConfig(boolean serve, String clusterDomain, List<String> clusterDns, Path resolvConf) {
    public NodeDnsConfig {
        clusterDns = List.copyOf(clusterDns);
    }

    /** Kubernetes' defaults, with Tugboat's own server on. */
    public static NodeDnsConfig defaults() {
        return new NodeDnsConfig(true, "cluster.local", List.of(), Path.of("/etc/resolv.conf"));
    }

    public NodeDnsConfig withServe(boolean serve) {
        return new NodeDnsConfig(serve, clusterDomain, clusterDns, resolvConf);
    }

    public NodeDnsConfig withResolvConf(Path resolvConf) {
        return new NodeDnsConfig(serve, clusterDomain, clusterDns, resolvConf);
    }
}
