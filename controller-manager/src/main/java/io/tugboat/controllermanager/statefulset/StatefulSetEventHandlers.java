package io.tugboat.controllermanager.statefulset;

import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.core.Pod;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.KubernetesObject;
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
 * What wakes the StatefulSet controller: any change of a set; any change of a pod or revision it controls (the
 * controller's pass waits on pod readiness, so status updates matter); an orphan pod whose labels a set's selector
 * matches. There are no expectations: pods have fixed names, so a create the cache has not shown yet fails with
 * AlreadyExists instead of making a second pod.
 */
final class StatefulSetEventHandlers {
    private StatefulSetEventHandlers() {
    }

    static ResourceEventHandler<Pod> forPods(Lister<StatefulSet> sets, Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                route(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                if (Objects.equals(oldPod.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
                    return;
                }
                OwnerReference oldRef = ControllerRefs.controllerOf(oldPod);
                if (oldRef != null && !Objects.equals(oldRef, ControllerRefs.controllerOf(pod))) {
                    route(oldPod);
                }
                route(pod);
            }

            @Override
            public void onDelete(Deleted<Pod> deleted) {
                route(deleted.lastKnown());
            }

            private void route(Pod pod) {
                String set = controllingSet(sets, pod);
                if (set != null) {
                    enqueue.accept(set);
                    return;
                }
                if (ControllerRefs.controllerOf(pod) != null) {
                    return;
                }
                Map<String, String> labels = pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
                for (StatefulSet sts : sets.list(pod.metadata().namespace(), Selector.everything())) {
                    Selector selector = Selector.fromLabelSelector(sts.spec() == null ? null : sts.spec().selector());
                    if (!selector.isEmpty() && selector.matches(labels)) {
                        enqueue.accept(Keys.keyOf(sts));
                    }
                }
            }
        };
    }

    static ResourceEventHandler<ControllerRevision> forRevisions(Lister<StatefulSet> sets, Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ControllerRevision revision) {
                owner(revision);
            }

            @Override
            public void onDelete(Deleted<ControllerRevision> deleted) {
                owner(deleted.lastKnown());
            }

            private void owner(ControllerRevision revision) {
                String set = controllingSet(sets, revision);
                if (set != null) {
                    enqueue.accept(set);
                }
            }
        };
    }

    /** The key of the cached StatefulSet controlling {@code object}, if it is that very object (same uid). */
    static String controllingSet(Lister<StatefulSet> sets, KubernetesObject object) {
        OwnerReference ref = ControllerRefs.controllerOf(object);
        if (!ControllerRefs.refersTo(ref, StatefulSet.API_VERSION, StatefulSet.KIND)) {
            return null;
        }
        return sets.get(object.metadata().namespace(), ref.name())
                .filter(s -> Objects.equals(s.metadata().uid(), ref.uid()))
                .map(Keys::keyOf)
                .orElse(null);
    }
}
