package io.tugboat.controllermanager.garbagecollector;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.api.meta.Preconditions;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.controllermanager.Controller;
import io.tugboat.controllermanager.ControllerContext;
import io.tugboat.controllermanager.ObjectClients;
import io.tugboat.controllermanager.RunnerController;
import io.tugboat.controllermanager.garbagecollector.Decisions.Action;
import io.tugboat.controllermanager.garbagecollector.Decisions.OwnerState;
import io.tugboat.controllermanager.garbagecollector.Decisions.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector: deletes objects whose owners are gone, and carries out the {@code foregroundDeletion}
 * and {@code orphan} finalizers that a delete with {@code propagationPolicy} Foreground or Orphan leaves on an
 * owner. Keys are uids; the {@link OwnerGraph} says which object a uid is and who depends on it.
 *
 * <pre>
 *   reconcile(uid):
 *     the object is being deleted with "orphan"       ─▶ strip its uid from every dependent's ownerReferences,
 *                                                        then remove the finalizer
 *     ... with "foregroundDeletion"                   ─▶ blocking dependents left? queue them (they see a
 *                                                        WAITING owner and get deleted); none? remove the finalizer
 *     every owner present in the graph, none waiting  ─▶ nothing to do, no request sent
 *     otherwise                                       ─▶ read the object and each owner not in the graph from
 *                                                        the API server (a live GET), then {@link Decisions#decide}:
 *                                                        keep / fix its ownerReferences / delete it (Background)
 * </pre>
 *
 * <p>Never deletes on a guess: an owner counts as gone only when the API server answers 404 for its name or
 * holds a different uid under it, and the delete carries the dependent's uid as a precondition, so an object
 * recreated under the same name in the meantime is safe. An owner of a kind this server does not serve counts
 * as present. Events are not collected (as in Kubernetes, they expire instead).
 */
public final class GarbageCollector implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

    /** The controller's name in {@code --controllers}. */
    public static final String NAME = "garbage-collector-controller";

    private final OwnerGraph graph;
    private final ObjectClients clients;
    private final EventRecorder events;
    private final Consumer<String> enqueue;

    /**
     * @param graph   the owner graph, fed by {@link #handler}
     * @param clients where reads and writes go
     * @param events  where events go (null: none)
     * @param enqueue queues a uid for another reconcile (the runner's {@code enqueue})
     */
    public GarbageCollector(OwnerGraph graph, ObjectClients clients, EventRecorder events, Consumer<String> enqueue) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.events = events;
        this.enqueue = Objects.requireNonNull(enqueue, "enqueue");
    }

    /** The kinds the collector watches: every kind the API serves, but Events. */
    public static List<ResourceKind<?>> watchedKinds() {
        return ResourceKinds.all().stream().filter(k -> k != ResourceKinds.EVENTS).toList();
    }

    /** Builds the collector with an informer on every {@link #watchedKinds() watched kind}. */
    public static Controller create(ControllerContext context) {
        OwnerGraph graph = new OwnerGraph();
        AtomicReference<ControllerRunner> runner = new AtomicReference<>();
        GarbageCollector collector = new GarbageCollector(graph, context.clients(),
                context.recorder("garbage-collector-controller"), key -> runner.get().enqueue(key));
        ControllerRunner.Builder builder = ControllerRunner.builder(NAME, collector)
                .workers(context.options().concurrentGcSyncs())
                .clock(context.clock());
        for (ResourceKind<?> kind : watchedKinds()) {
            watch(builder, context.informers().informerFor(kind), kind, graph);
        }
        runner.set(builder.build());
        return new RunnerController(runner.get());
    }

    private static <T extends KubernetesObject> void watch(ControllerRunner.Builder builder, SharedInformer<T> informer,
                                                           ResourceKind<?> kind, OwnerGraph graph) {
        builder.watches(informer::hasSynced, enqueue -> informer.addEventHandler(handler(kind, graph, enqueue)));
    }

    /**
     * Keeps the graph current and queues the uids that need a look: an object with owners or with one of the
     * collector's finalizers; the dependents of a deleted object (their owner is gone); and owners waiting on
     * a dependent that changed or went away.
     */
    public static <T extends KubernetesObject> ResourceEventHandler<T> handler(ResourceKind<?> kind, OwnerGraph graph,
                                                                               Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                GraphNode node = GraphNode.of(kind, object);
                graph.observe(node);
                if (node.needsAttention()) {
                    enqueue.accept(node.uid());
                }
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                GraphNode node = GraphNode.of(kind, newObject);
                Optional<GraphNode> previous = graph.observe(node);
                if (node.needsAttention()) {
                    enqueue.accept(node.uid());
                }
                List<OwnerReference> owners = new ArrayList<>(node.owners());
                previous.ifPresent(p -> owners.addAll(p.owners()));
                enqueueWaitingOwners(owners);
            }

            @Override
            public void onDelete(Deleted<T> deleted) {
                String uid = deleted.lastKnown().metadata().uid();
                Optional<GraphNode> previous = graph.forget(uid);
                for (GraphNode dependent : graph.dependentsOf(uid)) {
                    enqueue.accept(dependent.uid());
                }
                previous.ifPresent(p -> enqueueWaitingOwners(p.owners()));
            }

            private void enqueueWaitingOwners(List<OwnerReference> owners) {
                for (OwnerReference ref : owners) {
                    graph.node(ref.uid()).filter(o -> o.waitingForDependents() || o.orphaning())
                            .ifPresent(o -> enqueue.accept(o.uid()));
                }
            }
        };
    }

    @Override
    public ReconcileResult reconcile(String uid) throws ApiException {
        GraphNode cached = graph.node(uid).orElse(null);
        if (cached == null) {
            return ReconcileResult.done(); // deleted meanwhile: its dependents were queued when it went
        }
        if (!cached.waitingForDependents() && !cached.orphaning() && allOwnersSolidInGraph(cached)) {
            return ReconcileResult.done();
        }
        KubernetesObject live = getLive(cached).orElse(null);
        if (live == null) {
            return ReconcileResult.done();
        }
        GraphNode item = GraphNode.of(cached.kind(), live);
        if (item.orphaning()) {
            orphanDependents(item, live);
        } else if (item.waitingForDependents()) {
            deleteDependentsFirst(item, live);
        } else {
            attemptToDelete(item, live);
        }
        return ReconcileResult.done();
    }

    private boolean allOwnersSolidInGraph(GraphNode node) {
        for (OwnerReference ref : node.owners()) {
            Optional<GraphNode> owner = graph.node(ref.uid());
            if (owner.isEmpty() || owner.get().waitingForDependents()) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ dependents

    private void attemptToDelete(GraphNode item, KubernetesObject live) throws ApiException {
        List<Verdict> verdicts = new ArrayList<>();
        for (OwnerReference ref : item.owners()) {
            verdicts.add(new Verdict(ref, ownerState(ref, item)));
        }
        Action action = Decisions.decide(item, verdicts, !graph.dependentsOf(item.uid()).isEmpty());
        if (action instanceof Decisions.UpdateOwners update) {
            log.info("{}: dropping references to owners that are gone or being deleted", item.describe());
            write(item.kind(), item.namespace(), live.withMetadata(live.metadata().withOwnerReferences(update.owners())));
        } else if (action instanceof Decisions.Delete delete) {
            String owners = verdicts.stream().map(v -> v.reference().kind() + " " + v.reference().name() + " ("
                    + v.state().name().toLowerCase(java.util.Locale.ROOT) + ")").toList().toString();
            log.info("{}: deleting with propagation {}: owners {}", item.describe(), delete.propagationPolicy(), owners);
            event(live, "GarbageCollected", "Deleting %s: its owners %s are gone or being deleted",
                    item.describe(), owners);
            try {
                client(item.kind()).inNamespace(item.namespace()).delete(item.name(), new DeleteOptions(null, null, null,
                        new Preconditions(item.uid(), null), null, delete.propagationPolicy(), null));
            } catch (ApiException.NotFoundException | ApiException.ConflictException e) {
                // Gone already, or a different object (a new uid) under the name now: nothing of ours to delete.
                log.debug("{}: not deleted: {}", item.describe(), e.getMessage());
            }
        }
    }

    /** What became of one owner: the graph answers for observed owners, the API server for the rest. */
    private OwnerState ownerState(OwnerReference ref, GraphNode item) throws ApiException {
        Optional<GraphNode> known = graph.node(ref.uid());
        if (known.isPresent()) {
            return known.get().waitingForDependents() ? OwnerState.WAITING : OwnerState.SOLID;
        }
        Optional<ResourceKind<?>> kind = kindOf(ref);
        if (kind.isEmpty()) {
            log.warn("{}: owner {} {} is of a kind this server does not serve; keeping the object",
                    item.describe(), ref.apiVersion(), ref.kind());
            return OwnerState.SOLID;
        }
        if (kind.get().namespaced() && item.namespace() == null) {
            // A cluster-scoped object cannot be owned by a namespaced one: the reference resolves to nothing.
            return OwnerState.DANGLING;
        }
        try {
            KubernetesObject owner = client(kind.get()).inNamespace(kind.get().namespaced() ? item.namespace() : null)
                    .get(ref.name());
            if (!Objects.equals(owner.metadata().uid(), ref.uid())) {
                return OwnerState.DANGLING; // same name, another object: the one referenced is gone
            }
            return GraphNode.of(kind.get(), owner).waitingForDependents() ? OwnerState.WAITING : OwnerState.SOLID;
        } catch (ApiException.NotFoundException e) {
            return OwnerState.DANGLING;
        }
    }

    /** The kind a reference names; another version of the same group and kind will do, as Kubernetes' RESTMapper. */
    static Optional<ResourceKind<?>> kindOf(OwnerReference ref) {
        Optional<ResourceKind<?>> exact = ResourceKinds.byApiVersionAndKind(ref.apiVersion(), ref.kind());
        if (exact.isPresent() || ref.apiVersion() == null) {
            return exact;
        }
        String group = ref.apiVersion().contains("/") ? ref.apiVersion().substring(0, ref.apiVersion().indexOf('/')) : "";
        return ResourceKinds.all().stream().filter(k -> k.group().equals(group) && k.kind().equals(ref.kind())).findFirst();
    }

    // ------------------------------------------------------------------ owners being deleted

    private void orphanDependents(GraphNode owner, KubernetesObject live) throws ApiException {
        List<GraphNode> dependents = graph.dependentsOf(owner.uid());
        for (GraphNode dependent : dependents) {
            KubernetesObject current = getLive(dependent).orElse(null);
            if (current == null) {
                continue;
            }
            List<OwnerReference> refs = GraphNode.of(dependent.kind(), current).owners();
            List<OwnerReference> kept = Decisions.without(refs, owner.uid());
            if (kept.size() != refs.size()) {
                write(dependent.kind(), dependent.namespace(), current.withMetadata(current.metadata().withOwnerReferences(kept)));
            }
        }
        log.info("{}: orphaned {} dependents; removing the orphan finalizer", owner.describe(), dependents.size());
        event(live, "OrphanedDependents", "Released %d dependents of %s", dependents.size(), owner.describe());
        removeFinalizer(owner, live, GraphNode.ORPHAN);
    }

    private void deleteDependentsFirst(GraphNode owner, KubernetesObject live) throws ApiException {
        List<GraphNode> dependents = graph.dependentsOf(owner.uid());
        List<GraphNode> blocking = Decisions.blocking(dependents, owner.uid());
        if (blocking.isEmpty()) {
            log.info("{}: no blocking dependents left; removing the foregroundDeletion finalizer", owner.describe());
            removeFinalizer(owner, live, GraphNode.FOREGROUND);
            return;
        }
        // Each dependent's own reconcile sees a WAITING owner and deletes it (or unblocks the reference, if it has
        // another owner that stays). The owner comes back here as each one changes or goes.
        for (GraphNode dependent : dependents) {
            enqueue.accept(dependent.uid());
        }
    }

    private void removeFinalizer(GraphNode node, KubernetesObject live, String finalizer) throws ApiException {
        ObjectMeta meta = live.metadata();
        List<String> finalizers = node.finalizers().stream().filter(f -> !f.equals(finalizer)).toList();
        write(node.kind(), node.namespace(), live.withMetadata(meta.withFinalizers(finalizers)));
    }

    // ------------------------------------------------------------------ plumbing

    private Optional<KubernetesObject> getLive(GraphNode node) throws ApiException {
        try {
            KubernetesObject object = client(node.kind()).inNamespace(node.namespace()).get(node.name());
            return Objects.equals(object.metadata().uid(), node.uid()) ? Optional.of(object) : Optional.empty();
        } catch (ApiException.NotFoundException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private ObjectClient<KubernetesObject> client(ResourceKind<?> kind) {
        return (ObjectClient<KubernetesObject>) clients.forKind(kind);
    }

    /** An update carrying the resourceVersion read: a concurrent change costs a 409 and a retry, never a lost write. */
    private void write(ResourceKind<?> kind, String namespace, KubernetesObject object) throws ApiException {
        try {
            client(kind).inNamespace(namespace).update(object);
        } catch (ApiException.NotFoundException e) {
            log.debug("{} {} vanished before the update", kind.kind(), object.metadata().name());
        }
    }

    private void event(KubernetesObject object, String reason, String format, Object... args) {
        if (events != null) {
            events.event(object, EventRecorder.NORMAL, reason, format, args);
        }
    }
}
