package io.tugboat.controllermanager.nodelifecycle;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Taint;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.Preconditions;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Indexers;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.controllermanager.Controller;
import io.tugboat.controllermanager.ControllerContext;
import io.tugboat.controllermanager.RunnerController;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evicts pods from nodes with NoExecute taints, and finishes off pods stuck terminating on unreachable nodes.
 * Keys are pod keys. Kubernetes' taint eviction controller ({@code pkg/controller/tainteviction}) plus the
 * part of its pod garbage collector that force-deletes pods a dead kubelet will never confirm.
 *
 * <pre>
 *   reconcile(ns/pod):
 *     not bound, or its node unknown                           ─▶ nothing
 *     terminating (deletionTimestamp) on a node whose Ready
 *       is Unknown: deletionTimestamp passed?                 ─▶ delete with grace 0 (its owner can replace it)
 *                   not yet?                                   ─▶ look again then
 *     running on a node with NoExecute taints                  ─▶ {@link Tolerations#evictionTime}:
 *                                                                 due: delete it (event TaintManagerEviction)
 *                                                                 later: look again then;  never: nothing
 * </pre>
 * A change to a node wakes every pod bound to it (through an index of pods by node name).
 */
public final class TaintEvictionController implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(TaintEvictionController.class);

    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "taint-eviction-controller";

    private final Lister<Pod> pods;
    private final Lister<Node> nodes;
    private final ObjectClient<Pod> client;
    private final EventRecorder events;
    private final Clock clock;

    public TaintEvictionController(Lister<Pod> pods, Lister<Node> nodes, ObjectClient<Pod> client, EventRecorder events,
                                   Clock clock) {
        this.pods = pods;
        this.nodes = nodes;
        this.client = client;
        this.events = events;
        this.clock = clock;
    }

    public static Controller create(ControllerContext context) {
        SharedInformer<Pod> podInformer = context.informers().informerFor(ResourceKinds.PODS);
        SharedInformer<Node> nodeInformer = context.informers().informerFor(ResourceKinds.NODES);
        NodeLifecycleController.podsByNode(podInformer);
        TaintEvictionController controller = new TaintEvictionController(podInformer.lister(), nodeInformer.lister(),
                context.client().resources(ResourceKinds.PODS), context.recorder("taint-eviction-controller"), context.clock());
        ControllerRunner runner = ControllerRunner.builder(NAME, controller)
                .workers(context.options().concurrentNodeSyncs())
                .clock(context.clock())
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .watches(nodeInformer::hasSynced, enqueue -> nodeInformer.addEventHandler(nodeToPods(podInformer, enqueue)))
                .build();
        return new RunnerController(runner);
    }

    /** A node change wakes the pods bound to it. */
    static ResourceEventHandler<Node> nodeToPods(SharedInformer<Pod> pods, Consumer<String> enqueue) {
        Consumer<Node> wake = node -> pods.indexer().byIndex(Indexers.NODE_NAME, node.metadata().name())
                .forEach(pod -> enqueue.accept(Keys.keyOf(pod)));
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                wake.accept(node);
            }

            @Override
            public void onUpdate(Node oldNode, Node node) {
                if (oldNode != node) {
                    wake.accept(node);
                }
            }

            @Override
            public void onDelete(Deleted<Node> deleted) {
                wake.accept(deleted.lastKnown());
            }
        };
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Pod pod = pods.get(id.namespace(), id.name()).orElse(null);
        String nodeName = pod == null || pod.spec() == null ? null : pod.spec().nodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            return ReconcileResult.done();
        }
        Node node = nodes.get(nodeName).orElse(null);
        if (node == null) {
            return ReconcileResult.done();
        }
        Instant now = clock.instant();
        if (pod.metadata().deletionTimestamp() != null) {
            return maybeForceDelete(pod, node, now);
        }
        List<Taint> taints = NodeTaints.noExecute(node);
        if (taints.isEmpty()) {
            return ReconcileResult.done();
        }
        Optional<Instant> evictAt = Tolerations.evictionTime(pod.spec().tolerations(), taints, now);
        if (evictAt.isEmpty()) {
            return ReconcileResult.done();
        }
        if (now.isBefore(evictAt.get())) {
            return ReconcileResult.requeueAt(evictAt.get());
        }
        log.info("Evicting pod {} from node {}: it does not tolerate {} (long enough)", key, nodeName,
                taints.stream().map(t -> t.key() + ":" + t.effect()).toList());
        events.event(pod, EventRecorder.NORMAL, "TaintManagerEviction", "Marking for deletion Pod %s", key);
        delete(pod, null);
        return ReconcileResult.done();
    }

    /**
     * A pod being deleted waits for its kubelet to stop it and confirm with a delete of grace 0. A kubelet on an
     * unreachable node never will, so once the grace period is over the pod is deleted for it.
     */
    private ReconcileResult maybeForceDelete(Pod pod, Node node, Instant now) throws ApiException {
        if (!"Unknown".equals(NodeHealth.readyStatus(node)) || NodeHealth.ready(node).isEmpty()) {
            return ReconcileResult.done();
        }
        Instant due = pod.metadata().deletionTimestamp();
        if (now.isBefore(due)) {
            return ReconcileResult.requeueAt(due);
        }
        log.info("Force-deleting pod {}/{}: terminating past its grace period on unreachable node {}",
                pod.metadata().namespace(), pod.metadata().name(), node.metadata().name());
        delete(pod, 0L);
        return ReconcileResult.done();
    }

    private void delete(Pod pod, Long gracePeriodSeconds) throws ApiException {
        try {
            client.inNamespace(pod.metadata().namespace()).delete(pod.metadata().name(), new DeleteOptions(null, null,
                    gracePeriodSeconds, new Preconditions(pod.metadata().uid(), null), null, null, null));
        } catch (ApiException.NotFoundException | ApiException.ConflictException e) {
            log.debug("pod {} already gone or replaced: {}", pod.metadata().name(), e.getMessage());
        }
    }
}
