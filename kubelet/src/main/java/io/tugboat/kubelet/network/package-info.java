/**
 * The pod network: every pod gets an address from its node's range, and every pod reaches every other pod by that
 * address, on this host or another. flannel's {@code host-gw} backend, cut down, with Docker doing the bridge.
 *
 * <pre>
 *   host A (InternalIP 192.168.56.11)                      host B (InternalIP 192.168.56.12)
 *   ┌───────────────────────────────────────┐              ┌───────────────────────────────────────┐
 *   │ pod 10.244.1.5 ─┐                     │              │                     ┌─ pod 10.244.2.7 │
 *   │ pod 10.244.1.6 ─┤ tug-xxxx 10.244.1.1 │              │ 10.244.2.1 tug-yyyy ├─ pod 10.244.2.8 │
 *   │                 └─ (Docker network    │              │   (Docker network  ─┘                 │
 *   │                    tugboat-node-1)    │              │    tugboat-node-2)                    │
 *   │ route 10.244.2.0/24 via 192.168.56.12 ├──── eth0 ────┤ route 10.244.1.0/24 via 192.168.56.11 │
 *   └───────────────────────────────────────┘              └───────────────────────────────────────┘
 * </pre>
 *
 * <ol>
 *   <li>The controller-manager's node IPAM gives each Node a {@code spec.podCIDR} from {@code --cluster-cidr}.</li>
 *   <li>{@link io.tugboat.kubelet.network.PodNetwork} (one reconciler fed by a Node informer) creates the node's
 *       Docker bridge network with that subnet: sandboxes attach to it, so Docker hands out pod addresses from the
 *       node's range, and the pod worker reports them as {@code status.podIP}.</li>
 *   <li>{@link io.tugboat.kubelet.network.NetworkPlanner} (pure, table-tested) turns the Node list into a
 *       {@link io.tugboat.kubelet.network.NetworkPlan}: a route to every other host's pod range via that host's
 *       InternalIP, iptables rules that let pod traffic through Docker's isolation, and masquerading for traffic
 *       leaving the cluster range.</li>
 *   <li>{@link io.tugboat.kubelet.network.HostNetwork} ({@code ip}, {@code iptables}) applies the routes and rules
 *       idempotently, touching only its own: routes with protocol 84, rules whose comment names the node.</li>
 * </ol>
 *
 * <p>The chapter: {@code docs/networking.md}. The originals: flannel's {@code pkg/backend/hostgw} and
 * {@code pkg/trafficmngr/iptables}, and Kubernetes' retired {@code kubenet} plugin (a bridge per node from
 * {@code spec.podCIDR}).
 */
package io.tugboat.kubelet.network;
