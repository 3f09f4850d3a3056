package io.tugboat.controllermanager.replicaset;

import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.core.Pod;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.common.Expectations;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What wakes the ReplicaSet controller, and the one place its {@link Expectations} are counted off. Handlers
 * only compute keys (Kubernetes' {@code addPod}, {@code updatePod}, {@code deletePod}):
 *
 * <pre>
 *   pod added       controlled by an RS?  creationObserved(rs), enqueue rs
 *                   an orphan?            enqueue every RS whose selector matches (one may adopt it)
 *   pod updated     now being deleted?    deletionObserved(rs) — a graceful delete is the delete we expected
 *                   controller changed?   enqueue the old one and the new one
 *                   labels changed?       orphans: enqueue the matching RSs
 *   pod deleted     deletionObserved(rs), enqueue rs
 * </pre>
 */
final class ReplicaSetEventHandlers {
    private ReplicaSetEventHandlers() {
    }

    /** Every change of a ReplicaSet enqueues it; a deleted one's expectations are forgotten. */
    static final class ForReplicaSets implements ResourceEventHandler<ReplicaSet> {
        private final Expectations expectations;
        private final Consumer<String> enqueue;

        ForReplicaSets(Expectations expectations, Consumer<String> enqueue) {
            this.expectations = expectations;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(ReplicaSet rs) {
            enqueue.accept(Keys.keyOf(rs));
        }

        @Override
        public void onUpdate(ReplicaSet oldRs, ReplicaSet rs) {
            enqueue.accept(Keys.keyOf(rs));
        }

        @Override
        public void onDelete(Deleted<ReplicaSet> deleted) {
            expectations.forget(deleted.key());
            enqueue.accept(deleted.key());
        }
    }

    /** Pods wake the ReplicaSet that controls them, or, for orphans, those that might adopt them. */
    static final class ForPods implements ResourceEventHandler<Pod> {
        private final Lister<ReplicaSet> replicaSets;
        private final Expectations expectations;
        private final Consumer<String> enqueue;

        ForPods(Lister<ReplicaSet> replicaSets, Expectations expectations, Consumer<String> enqueue) {
            this.replicaSets = replicaSets;
            this.expectations = expectations;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(Pod pod) {
            if (pod.metadata().deletionTimestamp() != null) {
                // Seen for the first time already being deleted (after a relist): it must not count as created.
                podGone(pod);
                return;
            }
            String rs = controllingReplicaSet(pod, ControllerRefs.controllerOf(pod));
            if (rs != null) {
                expectations.creationObserved(rs);
                enqueue.accept(rs);
                return;
            }
            if (ControllerRefs.controllerOf(pod) == null) {
                enqueueMatching(pod);
            }
        }

        @Override
        public void onUpdate(Pod oldPod, Pod pod) {
            if (Objects.equals(oldPod.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
                return; // a resync: nothing changed
            }
            boolean labelsChanged = !Objects.equals(labels(oldPod), labels(pod));
            if (pod.metadata().deletionTimestamp() != null) {
                podGone(pod);
                if (labelsChanged) {
                    podGone(oldPod);
                }
                return;
            }
            OwnerReference oldRef = ControllerRefs.controllerOf(oldPod);
            OwnerReference ref = ControllerRefs.controllerOf(pod);
            boolean refChanged = !Objects.equals(oldRef, ref);
            if (refChanged && oldRef != null) {
                String old = controllingReplicaSet(oldPod, oldRef);
                if (old != null) {
                    enqueue.accept(old);
                }
            }
            if (ref != null) {
                String rs = controllingReplicaSet(pod, ref);
                if (rs != null) {
                    enqueue.accept(rs);
                }
                return;
            }
            if (labelsChanged || refChanged) {
                enqueueMatching(pod);
            }
        }

        @Override
        public void onDelete(Deleted<Pod> deleted) {
            podGone(deleted.lastKnown());
        }

        private void podGone(Pod pod) {
            String rs = controllingReplicaSet(pod, ControllerRefs.controllerOf(pod));
            if (rs != null) {
                expectations.deletionObserved(rs, Keys.keyOf(pod));
                enqueue.accept(rs);
            }
        }

        /** The key of the cached ReplicaSet {@code ref} points at, if it is that very object (same uid). */
        private String controllingReplicaSet(Pod pod, OwnerReference ref) {
            if (!ControllerRefs.refersTo(ref, ReplicaSet.API_VERSION, ReplicaSet.KIND)) {
                return null;
            }
            return replicaSets.get(pod.metadata().namespace(), ref.name())
                    .filter(rs -> Objects.equals(rs.metadata().uid(), ref.uid()))
                    .map(Keys::keyOf)
                    .orElse(null);
        }

        private void enqueueMatching(Pod pod) {
            for (ReplicaSet rs : replicaSets.list(pod.metadata().namespace(), Selector.everything())) {
                Selector selector = Selector.fromLabelSelector(rs.spec() == null ? null : rs.spec().selector());
                if (!selector.isEmpty() && selector.matches(labels(pod))) {
                    enqueue.accept(Keys.keyOf(rs));
                }
            }
        }

        private static Map<String, String> labels(Pod pod) {
            return pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
        }
    }
}
