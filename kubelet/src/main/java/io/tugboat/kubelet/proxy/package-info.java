/**
 * The service proxy: what makes a Service's virtual IP and NodePort lead somewhere. Kubernetes' kube-proxy in its
 * iptables mode, cut down, and run inside the node agent ({@code tug kubelet}; {@code --proxy-mode=none} turns it
 * off).
 *
 * <p>A ClusterIP is an address no machine has. Connections to it work because every node rewrites them: the first
 * packet of a connection to {@code VIP:port} walks the {@code nat} table, one rule picks a ready endpoint at random
 * and DNATs the packet to {@code podIP:targetPort}; conntrack remembers the choice for every later packet of the
 * connection and un-NATs the replies. Nothing of this runs in user space: the proxy only writes rules.
 *
 * <p>Read in this order:
 * <ol>
 *   <li>{@link io.tugboat.kubelet.proxy.ProxyRules} — the pure decider: (Services, Endpoints) → the full
 *       {@code iptables-restore} text, with the chain layout drawn and every rule's reason given. Golden-table
 *       tests pin its output.</li>
 *   <li>{@link io.tugboat.kubelet.proxy.IptablesApplier} — one atomic {@code iptables-restore --noflush} per change,
 *       jump rules from the built-in chains kept in place, everything removed on exit.</li>
 *   <li>{@link io.tugboat.kubelet.proxy.ServiceProxy} — the loop: informers on Services and core/v1 Endpoints,
 *       coalesced syncs, "write only if the text changed", and the {@link io.tugboat.kubelet.proxy.ProxyLock} that
 *       lets exactly one of several node agents on a host write.</li>
 * </ol>
 *
 * <p>The chapter: {@code docs/networking.md}, "The service proxy". The original: {@code kubernetes/pkg/proxy/iptables}
 * ({@code proxier.go}); chain names keep kube-proxy's scheme with {@code TUG-} for {@code KUBE-}, so
 * {@code iptables -t nat -S TUG-SERVICES} reads like its kube-proxy counterpart.
 */
package io.tugboat.kubelet.proxy;
