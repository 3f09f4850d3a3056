package io.tugboat.kubelet.network;

import io.tugboat.api.core.Node;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.kubelet.runtime.NetworkRuntime;
import io.tugboat.kubelet.runtime.NetworkRuntime.NetworkConfig;
import io.tugboat.kubelet.runtime.NetworkRuntime.NetworkInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's pod network, kept in step with the Node list: one reconciler with one key ({@link #KEY}), run by a
 * {@link io.tugboat.client.controller.ControllerRunner} that a Node informer feeds, and again every
 * {@code resyncPeriod} as a safety net (Docker restarted, someone flushed a chain).
 *
 * <pre>
 *   Node informer ──"pod-network"──▶ reconcile ─▶ NetworkPlanner.plan(nodes) ─▶ ensure bridge (Docker network)
 *                                                                            ─▶ sync iptables rules (own comment)
 *                                                                            ─▶ sync routes (proto 84)
 *                         bridge exists ─▶ ready: sandboxes attach to it, {@link #whenReady} listeners run
 * </pre>
 *
 * <p>Until the Node has a {@code spec.podCIDR} (the controller-manager's node IPAM gives it one shortly after the
 * Node registers) the network is not ready and {@link #sandboxNetworkMode()} is empty: pod workers keep their pods
 * waiting instead of starting them on another network. Registration does not wait for it.
 *
 * <p>Nothing is torn down when the kubelet stops: running pods keep their network, and the next kubelet adopts it.
 */
public final class PodNetwork implements Reconciler, SandboxNetwork {
    private static final Logger log = LoggerFactory.getLogger(PodNetwork.class);

    /** The one key this reconciler has: the whole node network is one object. */
    public static final String KEY = "pod-network";
    /** The Docker option naming the bridge device. */
    static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
    /** Off: Docker would masquerade pod traffic to other nodes' pods too (see {@link NetworkPlanner}). */
    static final String MASQUERADE_OPTION = "com.docker.network.bridge.enable_ip_masquerade";

    private final String node;
    private final Ipv4Cidr clusterCidr;
    private final Lister<Node> nodes;
    private final NetworkRuntime docker;
    private final HostNetwork host;
    private final Duration resyncPeriod;
    private final List<Consumer<PodBridge>> listeners = new CopyOnWriteArrayList<>();
    private volatile PodBridge ready;

    /**
     * @param node         this kubelet's node
     * @param clusterCidr  the cluster's pod range; traffic leaving it is masqueraded
     * @param nodes        every Node (an informer's lister)
     * @param docker       creates the bridge network
     * @param host         routes and iptables
     * @param resyncPeriod how often to check everything again without a Node event
     */
    public PodNetwork(String node, Ipv4Cidr clusterCidr, Lister<Node> nodes, NetworkRuntime docker, HostNetwork host,
                      Duration resyncPeriod) {
        this.node = node;
        this.clusterCidr = clusterCidr;
        this.nodes = nodes;
        this.docker = docker;
        this.host = host;
        this.resyncPeriod = resyncPeriod;
    }

    @Override
    public ReconcileResult reconcile(String key) throws Exception {
        Set<String> local = host.addresses(); // read afresh: interfaces come and go
        NetworkPlan plan = NetworkPlanner.plan(node, clusterCidr, nodes.list(Selector.everything()),
                address -> address.startsWith("127.") || local.contains(address));
        List<RuntimeException> failures = new ArrayList<>();
        if (plan.bridge() != null) {
            try {
                ensureBridge(plan.bridge());
                becomeReady(plan.bridge());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            syncRules(plan.rules());
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try {
            syncRoutes(plan.routes());
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first; // the runner retries with backoff
        }
        return ReconcileResult.requeueAfter(resyncPeriod);
    }

    /**
     * The Node informer's handler: {@link #KEY} for a Node added or deleted, and for an update only when it changes
     * what the plan reads (the pod range or the addresses) — not for the heartbeats of every node's status.
     */
    public static ResourceEventHandler<Node> eventHandler(Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                enqueue.accept(KEY);
            }

            @Override
            public void onUpdate(Node old, Node node) {
                if (!Objects.equals(NetworkPlanner.podCidr(old), NetworkPlanner.podCidr(node))
                        || !Objects.equals(NetworkPlanner.internalIp(old), NetworkPlanner.internalIp(node))) {
                    enqueue.accept(KEY);
                }
            }

            @Override
            public void onDelete(Deleted<Node> deleted) {
                enqueue.accept(KEY);
            }
        };
    }

    /** The bridge's network, once it exists; empty before (see the class comment). */
    @Override
    public Optional<String> sandboxNetworkMode() {
        return Optional.ofNullable(ready).map(PodBridge::name);
    }

    /** The node's pod bridge, once it exists. */
    public Optional<PodBridge> bridge() {
        return Optional.ofNullable(ready);
    }

    /**
     * The bridge's own address (the first of the node's podCIDR, e.g. {@code 10.244.1.1}), once the bridge exists:
     * reachable from every pod on this node, so node-local services for pods (cluster DNS) listen there.
     */
    public Optional<String> gatewayAddress() {
        return Optional.ofNullable(ready).map(PodBridge::gateway);
    }

    /**
     * Runs {@code listener} with the bridge once it is ready — now, if it is already — and again if it ever
     * changes. Listeners run on the reconciler's thread and must be quick.
     */
    public void whenReady(Consumer<PodBridge> listener) {
        listeners.add(listener);
        PodBridge current = ready;
        if (current != null) {
            listener.accept(current);
        }
    }

    private void becomeReady(PodBridge bridge) {
        if (bridge.equals(ready)) {
            return;
        }
        ready = bridge;
        log.info("pod network of node {} is ready: Docker network {} ({}, gateway {}, bridge {})", node, bridge.name(),
                bridge.subnet(), bridge.gateway(), bridge.device());
        for (Consumer<PodBridge> listener : listeners) {
            try {
                listener.accept(bridge);
            } catch (RuntimeException e) {
                log.warn("a pod network listener failed: {}", e.toString());
            }
        }
    }

    /** Creates the Docker network, or replaces one of that name that is not what the plan says (a new podCIDR). */
    private void ensureBridge(PodBridge bridge) {
        Optional<NetworkInfo> existing = docker.inspectNetwork(bridge.name());
        if (existing.isPresent() && matches(existing.get(), bridge)) {
            return;
        }
        if (existing.isPresent()) {
            NetworkInfo old = existing.get();
            log.warn("Docker network {} has subnet {} (bridge {}), the node's podCIDR is {}: replacing it", bridge.name(),
                    old.subnet(), old.options().get(BRIDGE_NAME_OPTION), bridge.subnet());
            ready = null;
            docker.removeNetwork(old.id()); // fails while pods still use it: retried until they are gone
        }
        NetworkConfig config = new NetworkConfig(bridge.name(), bridge.subnet().toString(), bridge.gateway(),
                Map.of(BRIDGE_NAME_OPTION, bridge.device(), MASQUERADE_OPTION, "false"), bridge.labels());
        try {
            docker.createNetwork(config);
        } catch (RuntimeException e) {
            if (docker.inspectNetwork(bridge.name()).filter(n -> matches(n, bridge)).isPresent()) {
                return; // created meanwhile by an earlier pass of ours (a kubelet restarted mid-create)
            }
            throw e;
        }
        log.info("created Docker network {} for pods of node {}: subnet {}, bridge {}", bridge.name(), node,
                bridge.subnet(), bridge.device());
    }

    static boolean matches(NetworkInfo existing, PodBridge bridge) {
        return "bridge".equals(existing.driver()) && bridge.subnet().toString().equals(existing.subnet())
                && bridge.gateway().equals(existing.gateway())
                && bridge.device().equals(existing.options().get(BRIDGE_NAME_OPTION))
                && "false".equals(existing.options().get(MASQUERADE_OPTION));
    }

    /** Adds the planned rules that are missing and deletes this node's rules that no longer are planned. */
    private void syncRules(List<IptablesRule> wanted) {
        String owner = IptablesRule.ownerPrefix(node);
        Set<List<String>> chains = new HashSet<>(List.of(List.of("filter", "DOCKER-USER"), List.of("nat", "POSTROUTING")));
        wanted.forEach(r -> chains.add(List.of(r.table(), r.chain())));
        for (List<String> chain : chains) {
            List<HostNetwork.InstalledRule> installed = host.rules(chain.get(0), chain.get(1), owner);
            Set<String> present = new HashSet<>();
            Set<String> wantedComments = new HashSet<>();
            for (IptablesRule rule : wanted) {
                if (rule.table().equals(chain.get(0)) && rule.chain().equals(chain.get(1))) {
                    wantedComments.add(rule.comment());
                }
            }
            for (HostNetwork.InstalledRule rule : installed) {
                if (!wantedComments.contains(rule.comment()) || !present.add(rule.comment())) {
                    log.info("deleting iptables rule -t {} {} ({}): no longer wanted", rule.table(), rule.chain(), rule.comment());
                    host.deleteRule(rule); // stale, or a duplicate of one kept
                }
            }
            for (IptablesRule rule : wanted) {
                if (rule.table().equals(chain.get(0)) && rule.chain().equals(chain.get(1)) && !present.contains(rule.comment())) {
                    log.info("adding iptables rule {}", rule);
                    host.insertRule(rule);
                }
            }
        }
    }

    /** Replaces missing or changed routes into the cluster range and deletes ours that are not planned. */
    private void syncRoutes(List<HostRoute> wanted) {
        List<HostRoute> installed = host.routes(clusterCidr);
        for (HostRoute route : installed) {
            if (!wanted.contains(route)) {
                log.info("deleting route {}: no node has that range on that address any more", route);
                host.deleteRoute(route);
            }
        }
        for (HostRoute route : wanted) {
            if (!installed.contains(route)) {
                log.info("adding route {}", route);
                host.replaceRoute(route);
            }
        }
    }
}
