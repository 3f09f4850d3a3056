package io.tugboat.controllermanager.daemonset;

import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.KubernetesObject;
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
 * What wakes the DaemonSet controller (Kubernetes' {@code addPod}, {@code addNode}... of {@code daemon_controller.go}):
 *
 * <pre>
 *   DaemonSet changed            enqueue it
 *   pod of a DaemonSet           added: creationObserved; being deleted or gone: deletionObserved; enqueue its DaemonSet
 *   orphan pod added or changed  enqueue the DaemonSets whose selector matches (one may adopt it)
 *   node added or deleted        enqueue every DaemonSet
 *   node labels or spec changed  enqueue every DaemonSet (eligibility depends on labels, taints and name only,
 *                                so the kubelet's status heartbeats wake nobody)
 *   revision added or deleted    enqueue its DaemonSet
 * </pre>
 */
final class DaemonSetEventHandlers {
    private DaemonSetEventHandlers() {
    }

    static ResourceEventHandler<DaemonSet> forDaemonSets(Expectations expectations, Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(DaemonSet ds) {
                enqueue.accept(Keys.keyOf(ds));
            }

            @Override
            public void onUpdate(DaemonSet oldDs, DaemonSet ds) {
                enqueue.accept(Keys.keyOf(ds));
            }

            @Override
            public void onDelete(Deleted<DaemonSet> deleted) {
                expectations.forget(deleted.key());
                enqueue.accept(deleted.key());
            }
        };
    }

    static ResourceEventHandler<Node> forNodes(Lister<DaemonSet> daemonSets, Consumer<String> enqueue) {
        Runnable all = () -> daemonSets.list(Selector.everything()).forEach(ds -> enqueue.accept(Keys.keyOf(ds)));
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                all.run();
            }

            @Override
            public void onUpdate(Node oldNode, Node node) {
                if (!Objects.equals(oldNode.metadata().labels(), node.metadata().labels())
                        || !Objects.equals(oldNode.spec(), node.spec())) {
                    all.run();
                }
            }

            @Override
            public void onDelete(Deleted<Node> deleted) {
                all.run();
            }
        };
    }

    static ResourceEventHandler<ControllerRevision> forRevisions(Lister<DaemonSet> daemonSets, Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ControllerRevision revision) {
                owner(daemonSets, revision, enqueue);
            }

            @Override
            public void onDelete(Deleted<ControllerRevision> deleted) {
                owner(daemonSets, deleted.lastKnown(), enqueue);
            }
        };
    }

    static final class ForPods implements ResourceEventHandler<Pod> {
        private final Lister<DaemonSet> daemonSets;
        private final Expectations expectations;
        private final Consumer<String> enqueue;

        ForPods(Lister<DaemonSet> daemonSets, Expectations expectations, Consumer<String> enqueue) {
            this.daemonSets = daemonSets;
            this.expectations = expectations;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(Pod pod) {
            if (pod.metadata().deletionTimestamp() != null) {
                podGone(pod);
                return;
            }
            String ds = controllingDaemonSet(daemonSets, pod);
            if (ds != null) {
                expectations.creationObserved(ds);
                enqueue.accept(ds);
            } else if (ControllerRefs.controllerOf(pod) == null) {
                enqueueMatching(pod);
            }
        }

        @Override
        public void onUpdate(Pod oldPod, Pod pod) {
            if (Objects.equals(oldPod.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
                return;
            }
            if (pod.metadata().deletionTimestamp() != null) {
                podGone(pod);
                return;
            }
            OwnerReference oldRef = ControllerRefs.controllerOf(oldPod);
            if (oldRef != null && !Objects.equals(oldRef, ControllerRefs.controllerOf(pod))) {
                String old = controllingDaemonSet(daemonSets, oldPod);
                if (old != null) {
                    enqueue.accept(old);
                }
            }
            String ds = controllingDaemonSet(daemonSets, pod);
            if (ds != null) {
                enqueue.accept(ds);
            } else if (ControllerRefs.controllerOf(pod) == null) {
                enqueueMatching(pod);
            }
        }

        @Override
        public void onDelete(Deleted<Pod> deleted) {
            podGone(deleted.lastKnown());
        }

        private void podGone(Pod pod) {
            String ds = controllingDaemonSet(daemonSets, pod);
            if (ds != null) {
                expectations.deletionObserved(ds, Keys.keyOf(pod));
                enqueue.accept(ds);
            }
        }

        private void enqueueMatching(Pod pod) {
            Map<String, String> labels = pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
            for (DaemonSet ds : daemonSets.list(pod.metadata().namespace(), Selector.everything())) {
                Selector selector = Selector.fromLabelSelector(ds.spec() == null ? null : ds.spec().selector());
                if (!selector.isEmpty() && selector.matches(labels)) {
                    enqueue.accept(Keys.keyOf(ds));
                }
            }
        }
    }

    private static void owner(Lister<DaemonSet> daemonSets, KubernetesObject object, Consumer<String> enqueue) {
        String ds = controllingDaemonSet(daemonSets, object);
        if (ds != null) {
            enqueue.accept(ds);
        }
    }

    /** The key of the cached DaemonSet controlling {@code object}, if it is that very object (same uid). */
    static String controllingDaemonSet(Lister<DaemonSet> daemonSets, KubernetesObject object) {
        OwnerReference ref = ControllerRefs.controllerOf(object);
        if (!ControllerRefs.refersTo(ref, DaemonSet.API_VERSION, DaemonSet.KIND)) {
            return null;
        }
        return daemonSets.get(object.metadata().namespace(), ref.name())
                .filter(ds -> Objects.equals(ds.metadata().uid(), ref.uid()))
                .map(Keys::keyOf)
                .orElse(null);
    }
}
