package io.tugboat.controllermanager.deployment;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.core.Pod;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.controllermanager.common.ControllerRefs;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What wakes the Deployment controller besides its Deployments (Kubernetes' {@code addReplicaSet},
 * {@code updateReplicaSet}, {@code deleteReplicaSet}, {@code deletePod}): a change of a ReplicaSet wakes the
 * Deployment controlling it, or for an orphan every Deployment that might adopt it; a deleted pod wakes a
 * Recreate Deployment, which waits for its old pods to be gone.
 */
final class DeploymentEventHandlers {
    private DeploymentEventHandlers() {
    }

    /** ReplicaSets wake their Deployment. */
    static final class ForReplicaSets implements ResourceEventHandler<ReplicaSet> {
        private final Lister<Deployment> deployments;
        private final Consumer<String> enqueue;

        ForReplicaSets(Lister<Deployment> deployments, Consumer<String> enqueue) {
            this.deployments = deployments;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(ReplicaSet rs) {
            OwnerReference ref = ControllerRefs.controllerOf(rs);
            if (ref != null) {
                enqueueController(deployments, rs.metadata().namespace(), ref, enqueue);
            } else {
                enqueueMatching(rs);
            }
        }

        @Override
        public void onUpdate(ReplicaSet oldRs, ReplicaSet rs) {
            if (Objects.equals(oldRs.metadata().resourceVersion(), rs.metadata().resourceVersion())) {
                return;
            }
            OwnerReference oldRef = ControllerRefs.controllerOf(oldRs);
            OwnerReference ref = ControllerRefs.controllerOf(rs);
            boolean refChanged = !Objects.equals(oldRef, ref);
            if (refChanged && oldRef != null) {
                enqueueController(deployments, oldRs.metadata().namespace(), oldRef, enqueue);
            }
            if (ref != null) {
                enqueueController(deployments, rs.metadata().namespace(), ref, enqueue);
            } else if (refChanged || !Objects.equals(oldRs.metadata().labels(), rs.metadata().labels())) {
                enqueueMatching(rs);
            }
        }

        @Override
        public void onDelete(Deleted<ReplicaSet> deleted) {
            ReplicaSet rs = deleted.lastKnown();
            OwnerReference ref = ControllerRefs.controllerOf(rs);
            if (ref != null) {
                enqueueController(deployments, rs.metadata().namespace(), ref, enqueue);
            }
        }

        private void enqueueMatching(ReplicaSet rs) {
            Map<String, String> labels = rs.metadata().labels() == null ? Map.of() : rs.metadata().labels();
            for (Deployment d : deployments.list(rs.metadata().namespace(), Selector.everything())) {
                Selector selector = Selector.fromLabelSelector(d.spec().selector());
                if (!selector.isEmpty() && selector.matches(labels)) {
                    enqueue.accept(Keys.keyOf(d));
                }
            }
        }
    }

    /** A deleted pod wakes its Recreate Deployment (through its ReplicaSet). */
    static final class ForPods implements ResourceEventHandler<Pod> {
        private final Lister<Deployment> deployments;
        private final Lister<ReplicaSet> replicaSets;
        private final Consumer<String> enqueue;

        ForPods(Lister<Deployment> deployments, Lister<ReplicaSet> replicaSets, Consumer<String> enqueue) {
            this.deployments = deployments;
            this.replicaSets = replicaSets;
            this.enqueue = enqueue;
        }

        @Override
        public void onDelete(Deleted<Pod> deleted) {
            Pod pod = deleted.lastKnown();
            OwnerReference podRef = ControllerRefs.controllerOf(pod);
            if (!ControllerRefs.refersTo(podRef, ReplicaSet.API_VERSION, ReplicaSet.KIND)) {
                return;
            }
            replicaSets.get(pod.metadata().namespace(), podRef.name())
                    .filter(rs -> Objects.equals(rs.metadata().uid(), podRef.uid()))
                    .map(ControllerRefs::controllerOf)
                    .ifPresent(ref -> enqueueController(deployments, pod.metadata().namespace(), ref, d ->
                            deployments.get(pod.metadata().namespace(), ref.name())
                                    .filter(found -> !RolloutMath.isRollingUpdate(found))
                                    .ifPresent(found -> enqueue.accept(d))));
        }
    }

    /** Enqueues the cached Deployment {@code ref} points at, if it is that very object (same uid). */
    static void enqueueController(Lister<Deployment> deployments, String namespace, OwnerReference ref, Consumer<String> enqueue) {
        if (!ControllerRefs.refersTo(ref, Deployment.API_VERSION, Deployment.KIND)) {
            return;
        }
        deployments.get(namespace, ref.name())
                .filter(d -> Objects.equals(d.metadata().uid(), ref.uid()))
                .ifPresent(d -> enqueue.accept(Keys.keyOf(d)));
    }
}
