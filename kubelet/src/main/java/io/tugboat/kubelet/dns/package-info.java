/**
 * Cluster DNS: every node agent answers the cluster's names itself, for the pods on its node.
 *
 * <p>In Kubernetes, CoreDNS runs as a Deployment behind a Service (10.96.0.10) and every pod's
 * {@code /etc/resolv.conf} names that virtual IP. Tugboat has no cluster add-ons, so the kubelet serves DNS on the
 * gateway address of its pod bridge: every pod on the node reaches it directly, without the service proxy, and each
 * kubelet on a shared host listens on its own bridge's address, so they never clash on port 53.
 *
 * <pre>
 *   pod: nslookup web  ──▶ resolv.conf: nameserver &lt;bridge gateway&gt;, search default.svc.cluster.local ...
 *        │
 *        ▼ UDP/TCP 53
 *   ClusterDnsServer (Netty: DNS codec)  ──▶  ClusterDnsHandler  ──▶  ClusterDnsResolver.resolve(name, type)
 *                                                  │                        │ reads Services and Endpoints
 *                                                  │                        ▼ (informers, all namespaces)
 *                                                  │   DnsAnswer.Authoritative: A, AAAA, SRV, CNAME, NXDOMAIN + SOA
 *                                                  └─ DnsAnswer.Forward ──▶ UpstreamForwarder: the node's resolv.conf
 * </pre>
 *
 * <p>{@link io.tugboat.kubelet.dns.ClusterDnsResolver} is the zone as a pure function with a table test, the way
 * CoreDNS's {@code kubernetes} plugin answers (TTL 5 s, SOA {@code ns.dns.<zone> hostmaster.<zone>}, NODATA versus
 * NXDOMAIN). {@link io.tugboat.kubelet.dns.PodDns} decides what a pod's {@code /etc/resolv.conf} says from its
 * {@code dnsPolicy} and {@code dnsConfig}, as the kubelet's {@code dns.Configurer} does.
 *
 * <p>See docs/networking.md, "Cluster DNS".
 */
package io.tugboat.kubelet.dns;
