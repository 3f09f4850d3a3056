package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * DNS settings added to what the pod's {@code dnsPolicy} generates (or, with {@code dnsPolicy: None}, all of them):
 * the kubelet merges them into the pod's {@code /etc/resolv.conf}.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PodDNSConfig; absent fields are {@code null}.
 */
public record PodDNSConfig(
        List<String> nameservers,
        List<String> searches,
        List<PodDNSConfigOption> options) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PodDNSConfig {
        nameservers = Copies.list(nameservers);
        searches = Copies.list(searches);
        options = Copies.list(options);
    }
}
