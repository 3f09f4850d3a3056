package io.tugboat.controllermanager.job;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.Job;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.Preconditions;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Deletes finished Jobs {@code spec.ttlSecondsAfterFinished} seconds after they finished (Kubernetes'
 * {@code ttlafterfinished} controller).
 *
 * <pre>
 *   reconcile("ns/pi"):
 *     job finished (Complete or Failed) with a TTL?     no: done
 *     expiry = finish time + ttl                          the finish time is completionTime, else the condition's
 *     now &lt; expiry?  requeue at expiry                     lastTransitionTime
 *     else delete it (Foreground: its pods go first), preconditioned on its uid
 * </pre>
 */
public final class TtlAfterFinishedController implements Reconciler {
    public static final String NAME = "ttl-after-finished-controller";

    private final Lister<Job> jobs;
    private final ObjectClient<Job> jobClient;
    private final Clock clock;

    public TtlAfterFinishedController(Lister<Job> jobs, ObjectClient<Job> jobClient, Clock clock) {
        this.jobs = jobs;
        this.jobClient = jobClient;
        this.clock = clock;
    }

    /** The controller on the shared Job informer. Call before {@code informers.start()}. */
    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, Clock clock, int workers) {
        SharedInformer<Job> jobInformer = informers.informerFor(ResourceKinds.JOBS);
        TtlAfterFinishedController controller = new TtlAfterFinishedController(jobInformer.lister(),
                client.resources(ResourceKinds.JOBS), clock);
        return ControllerRunner.builder(NAME, controller)
                .watches(jobInformer::hasSynced, enqueue -> jobInformer.addEventHandler(new OnJobs(enqueue)))
                .workers(workers)
                .clock(clock)
                .build();
    }

    /** When {@code job} may be deleted, or {@code null} if it has no TTL or is not finished. */
    static Instant expiry(Job job) {
        if (job.spec() == null || job.spec().ttlSecondsAfterFinished() == null || job.metadata().deletionTimestamp() != null) {
            return null;
        }
        Instant finished = job.status() != null && job.status().completionTime() != null
                ? job.status().completionTime() : JobConditions.finishedAt(job, "Failed");
        if (finished == null) {
            finished = JobConditions.finishedAt(job, "Complete");
        }
        return finished == null ? null : finished.plusSeconds(job.spec().ttlSecondsAfterFinished());
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Optional<Job> found = jobs.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            return ReconcileResult.done();
        }
        Job job = found.get();
        Instant expiry = expiry(job);
        if (expiry == null) {
            return ReconcileResult.done();
        }
        Instant now = clock.instant();
        if (now.isBefore(expiry)) {
            return ReconcileResult.requeueAt(expiry);
        }
        try {
            jobClient.inNamespace(id.namespace()).delete(id.name(), new DeleteOptions(null, null, null,
                    new Preconditions(job.metadata().uid(), null), null, "Foreground", null));
        } catch (ApiException.NotFoundException | ApiException.ConflictException e) {
            // gone, or replaced by a namesake: not ours to delete
        }
        return ReconcileResult.done();
    }

    private record OnJobs(Consumer<String> enqueue) implements ResourceEventHandler<Job> {
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
        }
    }
}
