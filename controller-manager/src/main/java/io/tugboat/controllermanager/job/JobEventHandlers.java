package io.tugboat.controllermanager.job;

import io.tugboat.api.batch.Job;
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
 * What wakes the Job controller (Kubernetes' {@code addPod}, {@code updatePod}, {@code deletePod}). Handlers only
 * compute keys and count off {@link Expectations}:
 *
 * <pre>
 *   job added/updated/deleted   enqueue it (a deleted one: to release the finalizers of the pods it left)
 *   pod added                   controlled by a Job?   creationObserved if it is the cached Job, enqueue the Job's key
 *                               an orphan?             enqueue every Job whose selector matches (one may adopt it)
 *   pod updated                 being deleted?         deletionObserved; enqueue its Job (a phase change is a result)
 *   pod deleted                 deletionObserved, enqueue its Job
 * </pre>
 *
 * A pod's Job key is enqueued even if no such Job is cached: that Job was deleted, and its pods still carry the
 * tracking finalizer that only the controller removes.
 */
final class JobEventHandlers {
    private JobEventHandlers() {
    }

    static final class ForJobs implements ResourceEventHandler<Job> {
        private final Expectations expectations;
        private final Consumer<String> enqueue;

        ForJobs(Expectations expectations, Consumer<String> enqueue) {
            this.expectations = expectations;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(Job job) {
            enqueue.accept(Keys.keyOf(job));
        }

        @Override
        public void onUpdate(Job oldJob, Job job) {
            enqueue.accept(Keys.keyOf(job));
        }

        @Override
        public void onDelete(Deleted<Job> deleted) {
            expectations.forget(deleted.key());
            enqueue.accept(deleted.key());
        }
    }

    static final class ForPods implements ResourceEventHandler<Pod> {
        private final Lister<Job> jobs;
        private final Expectations expectations;
        private final Consumer<String> enqueue;

        ForPods(Lister<Job> jobs, Expectations expectations, Consumer<String> enqueue) {
            this.jobs = jobs;
            this.expectations = expectations;
            this.enqueue = enqueue;
        }

        @Override
        public void onAdd(Pod pod) {
            OwnerReference ref = jobRef(pod);
            if (ref == null) {
                if (ControllerRefs.controllerOf(pod) == null) {
                    enqueueMatching(pod);
                }
                return;
            }
            String key = Keys.keyOf(pod.metadata().namespace(), ref.name());
            if (pod.metadata().deletionTimestamp() != null) {
                expectations.deletionObserved(key, Keys.keyOf(pod));
            } else if (isCached(pod, ref)) {
                expectations.creationObserved(key);
            }
            enqueue.accept(key);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod pod) {
            if (Objects.equals(oldPod.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
                return; // a resync
            }
            OwnerReference oldRef = jobRef(oldPod);
            OwnerReference ref = jobRef(pod);
            if (oldRef != null && !Objects.equals(oldRef, ref)) {
                enqueue.accept(Keys.keyOf(pod.metadata().namespace(), oldRef.name()));
            }
            if (ref == null) {
                if (ControllerRefs.controllerOf(pod) == null && !Objects.equals(oldPod.metadata().labels(), pod.metadata().labels())) {
                    enqueueMatching(pod);
                }
                return;
            }
            String key = Keys.keyOf(pod.metadata().namespace(), ref.name());
            if (pod.metadata().deletionTimestamp() != null) {
                expectations.deletionObserved(key, Keys.keyOf(pod));
            }
            enqueue.accept(key);
        }

        @Override
        public void onDelete(Deleted<Pod> deleted) {
            Pod pod = deleted.lastKnown();
            OwnerReference ref = jobRef(pod);
            if (ref != null) {
                String key = Keys.keyOf(pod.metadata().namespace(), ref.name());
                expectations.deletionObserved(key, Keys.keyOf(pod));
                enqueue.accept(key);
            }
        }

        private boolean isCached(Pod pod, OwnerReference ref) {
            return jobs.get(pod.metadata().namespace(), ref.name())
                    .filter(job -> Objects.equals(job.metadata().uid(), ref.uid())).isPresent();
        }

        private static OwnerReference jobRef(Pod pod) {
            OwnerReference ref = ControllerRefs.controllerOf(pod);
            return ControllerRefs.refersTo(ref, Job.API_VERSION, Job.KIND) ? ref : null;
        }

        private void enqueueMatching(Pod pod) {
            Map<String, String> labels = pod.metadata().labels() == null ? Map.of() : pod.metadata().labels();
            for (Job job : jobs.list(pod.metadata().namespace(), Selector.everything())) {
                Selector selector = Selector.fromLabelSelector(job.spec() == null ? null : job.spec().selector());
                if (!selector.isEmpty() && selector.matches(labels)) {
                    enqueue.accept(Keys.keyOf(job));
                }
            }
        }
    }
}
