package io.tugboat.controllermanager.deployment;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentStatus;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.core.Pod;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.controllermanager.common.ControllerRefManager;
import io.tugboat.controllermanager.common.ControllerRefs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rolls Deployments out through ReplicaSets (Kubernetes' {@code deployment_controller.go}). A Deployment owns one
 * ReplicaSet per pod template it has had, named {@code <deployment>-<pod-template-hash>} (see
 * {@link TemplateHash}); the one matching the current template is <em>new</em>, the others <em>old</em>.
 *
 * <pre>
 *   reconcile("ns/web"):
 *     d = cache                               gone? done (the garbage collector removes its ReplicaSets)
 *     empty selector?                         warn (SelectingAll), do nothing
 *     rsList = claim(ReplicaSets of ns)       adopt matching orphans, release owned ones that stopped matching
 *     being deleted?                          status only
 *     paused?                                 scale only (no rollout), keep history trimmed
 *     spec.replicas changed (a scaling event, found from the desired-replicas annotations)?
 *                                             scale only: proportionally across the active ReplicaSets
 *     else by strategy                        RollingUpdate or Recreate: one step, see {@link DeploymentSync}
 *     then the status and its conditions      what `kubectl rollout status` reads
 * </pre>
 *
 * A rollback ({@code kubectl rollout undo}) is a template change like any other: kubectl copies an old ReplicaSet's
 * template into the Deployment, this controller finds that ReplicaSet equal to the template, makes it the new one
 * again and gives it the next revision. {@code kubectl rollout restart} changes a template annotation: a new
 * template, a new ReplicaSet. The scale subresource changes only {@code spec.replicas}: no new template, no new
 * revision.
 *
 * <p>Wiring: {@link #newRunner} for a controller manager; the constructor for tests.
 */
public final class DeploymentController implements Reconciler {
    /** The runner's name and the Events' component, as in Kubernetes. */
    public static final String NAME = "deployment-controller";

    private final Lister<Deployment> deployments;
    private final Lister<ReplicaSet> replicaSets;
    private final Lister<Pod> pods;
    private final ObjectClient<Deployment> deploymentClient;
    private final ObjectClient<ReplicaSet> replicaSetClient;
    private final EventRecorder events;
    private final Clock clock;

    public DeploymentController(Lister<Deployment> deployments, Lister<ReplicaSet> replicaSets, Lister<Pod> pods,
                                ObjectClient<Deployment> deploymentClient, ObjectClient<ReplicaSet> replicaSetClient,
                                EventRecorder events, Clock clock) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.deploymentClient = deploymentClient;
        this.replicaSetClient = replicaSetClient;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The controller wired to shared informers for Deployments, ReplicaSets and Pods, ready to
     * {@link ControllerRunner#start()}. Call before {@code informers.start()}.
     *
     * @param workers how many Deployments are reconciled at once ({@code --concurrent-deployment-syncs}, 5 in
     *                Kubernetes)
     */
    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, EventRecorder events,
                                             Clock clock, int workers) {
        SharedInformer<Deployment> dInformer = informers.informerFor(ResourceKinds.DEPLOYMENTS);
        SharedInformer<ReplicaSet> rsInformer = informers.informerFor(ResourceKinds.REPLICA_SETS);
        SharedInformer<Pod> podInformer = informers.informerFor(ResourceKinds.PODS);
        DeploymentController controller = new DeploymentController(dInformer.lister(), rsInformer.lister(),
                podInformer.lister(), client.resources(ResourceKinds.DEPLOYMENTS),
                client.resources(ResourceKinds.REPLICA_SETS), events, clock);
        return ControllerRunner.builder(NAME, controller)
                .watches(dInformer::hasSynced, enqueue -> dInformer.addEventHandler(
                        io.tugboat.client.informer.ResourceEventHandler.forKeys(enqueue)))
                .watches(rsInformer::hasSynced, enqueue -> rsInformer.addEventHandler(
                        new DeploymentEventHandlers.ForReplicaSets(dInformer.lister(), enqueue)))
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(
                        new DeploymentEventHandlers.ForPods(dInformer.lister(), rsInformer.lister(), enqueue)))
                .workers(workers)
                .clock(clock)
                .build();
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Optional<Deployment> found = deployments.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            return ReconcileResult.done();
        }
        Deployment d = found.get();
        Selector selector = Selector.fromLabelSelector(d.spec().selector());
        if (selector.isEmpty()) {
            events.event(d, EventRecorder.WARNING, "SelectingAll",
                    "This deployment is selecting all pods. A non-empty selector is required.");
            DeploymentStatus status = d.status() == null ? new DeploymentStatus(null, null, null, null, null, null, null, null) : d.status();
            if (!Objects.equals(status.observedGeneration(), d.metadata().generation())) {
                deploymentClient.inNamespace(id.namespace()).updateStatus(
                        d.withStatus(status.withObservedGeneration(d.metadata().generation())));
            }
            return ReconcileResult.done();
        }
        List<ReplicaSet> owned = claimReplicaSets(d, selector);
        DeploymentSync sync = new DeploymentSync(d, new ArrayList<>(owned), deploymentClient, replicaSetClient, events, clock);
        if (d.metadata().deletionTimestamp() != null) {
            return sync.syncStatusOnly();
        }
        sync.checkPausedConditions();
        if (Boolean.TRUE.equals(d.spec().paused()) || sync.isScalingEvent()) {
            return sync.scaleOnly();
        }
        if (RolloutMath.isRollingUpdate(d)) {
            return sync.rolloutRolling();
        }
        return sync.rolloutRecreate(podsByReplicaSet(d, selector, owned));
    }

    private List<ReplicaSet> claimReplicaSets(Deployment d, Selector selector) throws ApiException {
        OwnerReference ref = ControllerRefs.newControllerRef(d, Deployment.API_VERSION, Deployment.KIND);
        return new ControllerRefManager<>(replicaSetClient, d.metadata(), ref, selector,
                ControllerRefs.adoptionCheck(deploymentClient, d))
                .claim(replicaSets.list(d.metadata().namespace(), Selector.everything()));
    }

    /** The Deployment's pods by the uid of the owned ReplicaSet controlling them (for Recreate). */
    private Map<String, List<Pod>> podsByReplicaSet(Deployment d, Selector selector, List<ReplicaSet> owned) {
        Map<String, List<Pod>> byUid = new HashMap<>();
        for (ReplicaSet rs : owned) {
            byUid.put(rs.metadata().uid(), new ArrayList<>());
        }
        for (Pod pod : pods.list(d.metadata().namespace(), selector)) {
            OwnerReference ref = ControllerRefs.controllerOf(pod);
            if (ref != null && byUid.containsKey(ref.uid())) {
                byUid.get(ref.uid()).add(pod);
            }
        }
        return byUid;
    }
}
