package io.tugboat.controllermanager.nodelifecycle;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.Taint;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Indexers;
import io.tugboat.client.informer.InformerScope;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.controllermanager.Controller;
import io.tugboat.controllermanager.ControllerContext;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.RunnerController;
import io.tugboat.controllermanager.nodelifecycle.NodeHealth.Observation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node lifecycle controller: watches each node's signs of life and keeps its conditions and taints
 * truthful. Keys are node names.
 *
 * <pre>
 *   reconcile(node):
 *     observe Lease renewTime and Ready heartbeat     (NodeHealth: a change notes our clock's "probe time")
 *     probe + grace passed?  ─▶ kubelet conditions := Unknown "Kubelet stopped posting node status."
 *                               (status update; event NodeNotReady); its pods' Ready := False
 *     NoSchedule taints      := from conditions and spec.unschedulable        (immediately)
 *     NoExecute taint        := unreachable (Ready=Unknown) / not-ready (Ready=False) / none
 *                               adding one waits for the zone's eviction limiter; swapping one for the
 *                               other or removing it does not
 *     requeue at the node's staleness deadline, or --node-monitor-period, whichever comes first
 * </pre>
 *
 * The NoExecute taint is what evicts pods: the {@link TaintEvictionController} deletes the pods that do not
 * tolerate it for long enough. Every kubelet-posted status and every Lease renewal wakes the node's key, and
 * the requeue covers the silence in between — a silent node is noticed within its grace, not later.
 */
public final class NodeLifecycleController implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(NodeLifecycleController.class);

    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "node-lifecycle-controller";
    /** Where kubelets keep their Leases. */
    public static final String LEASE_NAMESPACE = "kube-node-lease";

    private final Lister<Node> nodes;
    private final Lister<Lease> leases;
    private final Lister<Pod> pods;
    private final ObjectClient<Node> client;
    private final ObjectClient<Pod> podClient;
    private final EventRecorder events;
    private final ControllerManagerOptions options;
    private final Clock clock;
    private final Map<String, Observation> observations = new ConcurrentHashMap<>();
    private final Map<String, EvictionLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * @param pods a lister with the {@link Indexers#NODE_NAME} index ({@link #podsByNode})
     */
    public NodeLifecycleController(Lister<Node> nodes, Lister<Lease> leases, Lister<Pod> pods, ObjectClient<Node> client,
                                   ObjectClient<Pod> podClient, EventRecorder events, ControllerManagerOptions options,
                                   Clock clock) {
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.client = client;
        this.podClient = podClient;
        this.events = events;
        this.options = options;
        this.clock = clock;
    }

    /** Wires the controller to the node informer and the kube-node-lease Lease informer. */
    public static Controller create(ControllerContext context) {
        SharedInformer<Node> nodeInformer = context.informers().informerFor(ResourceKinds.NODES);
        SharedInformer<Lease> leaseInformer = context.informers().informerFor(ResourceKinds.LEASES,
                InformerScope.namespace(LEASE_NAMESPACE));
        SharedInformer<Pod> podInformer = context.informers().informerFor(ResourceKinds.PODS);
        podsByNode(podInformer);
        NodeLifecycleController controller = new NodeLifecycleController(nodeInformer.lister(), leaseInformer.lister(),
                podInformer.lister(), context.client().resources(ResourceKinds.NODES),
                context.client().resources(ResourceKinds.PODS), context.recorder("node-controller"),
                context.options(), context.clock());
        ControllerRunner runner = ControllerRunner.builder(NAME, controller)
                .workers(context.options().concurrentNodeSyncs())
                .clock(context.clock())
                .watches(nodeInformer::hasSynced, enqueue -> nodeInformer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .watches(leaseInformer::hasSynced, enqueue -> leaseInformer.addEventHandler(leaseToNode(enqueue)))
                .build();
        return new RunnerController(runner);
    }

    /** Adds the index of pods by {@code spec.nodeName} to the shared pod informer, unless another controller has. */
    public static void podsByNode(SharedInformer<Pod> podInformer) {
        if (!podInformer.indexer().indexNames().contains(Indexers.NODE_NAME)) {
            podInformer.addIndexers(Map.of(Indexers.NODE_NAME, Indexers.field(p -> p.spec() == null ? null : p.spec().nodeName())));
        }
    }

    /** A Lease change wakes the node of the same name. */
    static ResourceEventHandler<Lease> leaseToNode(java.util.function.Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Lease lease) {
                enqueue.accept(lease.metadata().name());
            }

            @Override
            public void onUpdate(Lease oldLease, Lease lease) {
                enqueue.accept(lease.metadata().name());
            }

            @Override
            public void onDelete(Deleted<Lease> deleted) {
                enqueue.accept(deleted.lastKnown().metadata().name());
            }
        };
    }

    @Override
    public ReconcileResult reconcile(String name) throws ApiException {
        Node node = nodes.get(name).orElse(null);
        if (node == null) {
            observations.remove(name);
            return ReconcileResult.done();
        }
        Instant now = clock.instant();
        Lease lease = leases.get(LEASE_NAMESPACE, name).orElse(null);
        Observation observation = observations.compute(name, (n, saved) -> NodeHealth.observe(saved, node, lease, now));
        Duration grace = NodeHealth.grace(node, options.nodeMonitorGracePeriod(), options.nodeStartupGracePeriod());
        Instant staleAt = NodeHealth.staleAt(observation, grace);

        Node current = node;
        if (!now.isBefore(staleAt)) {
            current = markUnknown(node, now);
            markPodsNotReady(current, now);
        }
        Duration limiterWait = reconcileTaints(current, now);

        Duration next = now.isBefore(staleAt) ? Duration.between(now, staleAt) : options.nodeMonitorPeriod();
        if (next.compareTo(options.nodeMonitorPeriod()) > 0) {
            next = options.nodeMonitorPeriod();
        }
        if (limiterWait != null && limiterWait.compareTo(next) < 0) {
            next = limiterWait;
        }
        return ReconcileResult.requeueAfter(next);
    }

    private Node markUnknown(Node node, Instant now) throws ApiException {
        NodeStatus status = node.status() == null ? new NodeStatus(null, null, null, null, null, null, null) : node.status();
        List<NodeCondition> conditions = NodeHealth.markUnknown(status.conditions(), now.truncatedTo(ChronoUnit.SECONDS),
                node.metadata().creationTimestamp());
        if (conditions == status.conditions()) {
            return node; // already Unknown
        }
        String before = NodeHealth.readyStatus(node);
        log.info("Node {} has not renewed its Lease or posted status for its grace period; marking it Unknown", node.metadata().name());
        Node updated = client.updateStatus(node.withStatus(status.withConditions(conditions)));
        if ("True".equals(before)) {
            events.event(node, EventRecorder.NORMAL, "NodeNotReady", "Node %s status is now: NodeNotReady", node.metadata().name());
        }
        return updated;
    }

    /**
     * Kubernetes' MarkPodsNotReady: the pods of a node whose kubelet is gone are not Ready any more, whatever
     * they last reported, so that Deployments count them unavailable (and Services would stop sending them
     * traffic). The kubelet sets them Ready again if it comes back.
     */
    private void markPodsNotReady(Node node, Instant now) throws ApiException {
        for (Pod pod : pods.byIndex(Indexers.NODE_NAME, node.metadata().name())) {
            List<PodCondition> conditions = pod.status() == null || pod.status().conditions() == null
                    ? List.of() : pod.status().conditions();
            if (conditions.stream().noneMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()))) {
                continue;
            }
            List<PodCondition> notReady = conditions.stream().map(c -> "Ready".equals(c.type())
                    ? new PodCondition("Ready", "False", c.lastProbeTime(), now.truncatedTo(ChronoUnit.SECONDS), c.reason(), c.message())
                    : c).toList();
            try {
                podClient.inNamespace(pod.metadata().namespace()).updateStatus(pod.withStatus(pod.status().withConditions(notReady)));
                events.event(pod, EventRecorder.WARNING, "NodeNotReady", "Node is not ready");
            } catch (ApiException.NotFoundException e) {
                // deleted meanwhile
            }
        }
    }

    /** Writes the node's desired taints; returns how long an addition must wait for the zone limiter (null: none waits). */
    private Duration reconcileTaints(Node node, Instant now) throws ApiException {
        Set<String> noSchedule = NodeTaints.desiredNoSchedule(node);
        String noExecute = NodeTaints.desiredNoExecute(node);
        String currentNoExecute = NodeTaints.currentNoExecute(node);
        Duration wait = null;
        if (noExecute != null && currentNoExecute == null) {
            Map<String, Zones.Zone> zones = Zones.compute(nodes.list(Selector.everything()), options.unhealthyZoneThreshold());
            Zones.Zone zone = zones.get(Zones.zoneOf(node));
            if (Zones.allFullyDisrupted(zones)) {
                log.warn("No node is Ready in any zone: assuming the control plane is cut off; evicting nothing");
                noExecute = null;
            } else {
                double rate = Zones.evictionRate(zone, options.nodeEvictionRate(), options.secondaryNodeEvictionRate(),
                        options.largeClusterSizeThreshold());
                EvictionLimiter limiter = limiters.computeIfAbsent(Zones.zoneOf(node), z -> new EvictionLimiter());
                wait = limiter.tryAcquire(now, rate);
                if (wait == null || !wait.isZero()) {
                    log.info("Node {}: NoExecute taint {} waits for the eviction rate limit of zone {} ({})",
                            node.metadata().name(), noExecute, Zones.zoneOf(node), zone.state());
                    noExecute = null;
                    wait = wait == null ? options.nodeMonitorPeriod() : wait;
                } else {
                    wait = null;
                }
            }
        } else if (noExecute != null && currentNoExecute != null && Zones.allFullyDisrupted(
                Zones.compute(nodes.list(Selector.everything()), options.unhealthyZoneThreshold()))) {
            noExecute = null;
        }
        List<Taint> desired = NodeTaints.reconcile(node, noSchedule, noExecute, now.truncatedTo(ChronoUnit.SECONDS));
        if (!NodeTaints.same(desired, NodeTaints.taints(node))) {
            log.info("Node {}: taints {} -> {}", node.metadata().name(), keys(NodeTaints.taints(node)), keys(desired));
            io.tugboat.api.core.NodeSpec spec = node.spec() == null
                    ? new io.tugboat.api.core.NodeSpec(null, null, null, null, null) : node.spec();
            client.update(node.withSpec(spec.withTaints(desired)));
        }
        return wait;
    }

    private static List<String> keys(List<Taint> taints) {
        return taints.stream().map(t -> t.key() + ":" + t.effect()).toList();
    }

    /** For tests: the probe time noted for a node. */
    Instant probeTime(String node) {
        Observation observation = observations.get(node);
        return observation == null ? null : Objects.requireNonNull(observation.probeTime());
    }
}
