package io.tugboat.controllermanager.cronjob;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.CronSchedule;
import io.tugboat.api.batch.CronJobSpec;
import io.tugboat.api.batch.CronJobStatus;
import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobTemplateSpec;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.ObjectMeta;
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
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.job.JobConditions;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creates a Job each time a CronJob's schedule comes due (Kubernetes' {@code cronjob_controllerv2.go}).
 *
 * <pre>
 *   reconcile("ns/backup"):
 *     cronjob = cache; schedule and timeZone parse?         no: a Warning Event, done (fixing the spec re-enqueues)
 *     jobs = Jobs it controls
 *     status.active = its unfinished Jobs                   a finished one: SawCompletedJob, lastSuccessfulTime
 *     prune finished Jobs beyond the history limits         (successful 3, failed 1 by default), oldest first
 *     suspended?                                            done
 *     scheduled = latest schedule time in (since, now]      since = lastScheduleTime, else creation; but no earlier
 *                                                           than now - startingDeadlineSeconds
 *       none                 → requeue at the next time
 *       more than 100 missed → TooManyMissedTimes Warning, still run the latest once
 *       too late (deadline)  → MissSchedule, requeue at the next time
 *       Forbid and one runs  → JobAlreadyActive, requeue (it runs late if still in the deadline when that one ends)
 *       Replace              → delete the running Jobs first
 *     create Job "&lt;cronjob&gt;-&lt;scheduled minutes since the epoch&gt;"   the name makes a second create a no-op
 *     status.lastScheduleTime = scheduled; requeue at the next time
 * </pre>
 *
 * <p>Time comes from the injected {@link Clock}; schedules are read in {@code spec.timeZone} (an IANA name), or
 * else in the clock's zone (UTC for {@code tug controller-manager}; Kubernetes uses the controller manager's local
 * zone).
 */
public final class CronJobController implements Reconciler {
    public static final String NAME = "cronjob-controller";
    /** Jobs record the time they were scheduled for, as in Kubernetes. */
    public static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    /** Beyond this many missed schedule times, Kubernetes warns (and still runs the latest). */
    static final int MISSED_LIMIT = 100;

    private final Lister<CronJob> cronJobs;
    private final Lister<Job> jobs;
    private final ObjectClient<CronJob> cronJobClient;
    private final ObjectClient<Job> jobClient;
    private final EventRecorder events;
    private final Clock clock;

    public CronJobController(Lister<CronJob> cronJobs, Lister<Job> jobs, ObjectClient<CronJob> cronJobClient,
                             ObjectClient<Job> jobClient, EventRecorder events, Clock clock) {
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.cronJobClient = cronJobClient;
        this.jobClient = jobClient;
        this.events = events;
        this.clock = clock;
    }

    /** The controller on shared CronJob and Job informers. Call before {@code informers.start()}. */
    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, EventRecorder events,
                                             Clock clock, int workers) {
        SharedInformer<CronJob> cronJobInformer = informers.informerFor(ResourceKinds.CRON_JOBS);
        SharedInformer<Job> jobInformer = informers.informerFor(ResourceKinds.JOBS);
        CronJobController controller = new CronJobController(cronJobInformer.lister(), jobInformer.lister(),
                client.resources(ResourceKinds.CRON_JOBS), client.resources(ResourceKinds.JOBS), events, clock);
        return ControllerRunner.builder(NAME, controller)
                .watches(cronJobInformer::hasSynced, enqueue -> cronJobInformer.addEventHandler(new OnCronJobs(enqueue)))
                .watches(jobInformer::hasSynced, enqueue -> jobInformer.addEventHandler(new OnJobs(enqueue)))
                .workers(workers)
                .clock(clock)
                .build();
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Optional<CronJob> found = cronJobs.get(id.namespace(), id.name());
        if (found.isEmpty() || found.get().metadata().deletionTimestamp() != null) {
            return ReconcileResult.done();
        }
        CronJob cronJob = found.get();
        CronJobSpec spec = cronJob.spec();
        ZoneId zone;
        CronSchedule schedule;
        try {
            zone = spec.timeZone() == null ? clock.getZone() : ZoneId.of(spec.timeZone());
        } catch (DateTimeException e) {
            events.event(cronJob, EventRecorder.WARNING, "UnknownTimeZone", "invalid timeZone: \"%s\": %s", spec.timeZone(), e.getMessage());
            return ReconcileResult.done();
        }
        try {
            schedule = CronSchedule.parse(spec.schedule());
        } catch (IllegalArgumentException e) {
            events.event(cronJob, EventRecorder.WARNING, "UnparseableSchedule", "unparseable schedule: %s : %s",
                    spec.schedule(), e.getMessage());
            return ReconcileResult.done();
        }
        Instant now = clock.instant();
        List<Job> owned = jobs.list(id.namespace(), Selector.everything()).stream()
                .filter(j -> isOwnedBy(j, cronJob)).toList();
        CronJobStatus old = cronJob.status() == null ? new CronJobStatus(null, null, null) : cronJob.status();

        // Which of its Jobs still run; note the ones that finished.
        Instant lastSuccessful = old.lastSuccessfulTime();
        List<ObjectReference> active = new ArrayList<>();
        Map<String, Job> byUid = new HashMap<>();
        owned.forEach(j -> byUid.put(j.metadata().uid(), j));
        for (ObjectReference ref : old.active() == null ? List.<ObjectReference>of() : old.active()) {
            Job job = byUid.get(ref.uid());
            if (job != null && JobConditions.finished(job)) {
                events.event(cronJob, EventRecorder.NORMAL, "SawCompletedJob", "Saw completed job: %s, condition: %s",
                        job.metadata().name(), JobConditions.has(job, "Complete") ? "Complete" : "Failed");
            }
        }
        for (Job job : owned) {
            if (!JobConditions.finished(job)) {
                active.add(reference(job));
            } else if (JobConditions.has(job, "Complete")) {
                Instant done = job.status().completionTime();
                if (done != null && (lastSuccessful == null || done.isAfter(lastSuccessful))) {
                    lastSuccessful = done;
                }
            }
        }
        active.sort(Comparator.comparing(ObjectReference::name));
        pruneHistory(cronJob, owned);

        Instant lastSchedule = old.lastScheduleTime();
        ReconcileResult result = ReconcileResult.done();
        if (!Boolean.TRUE.equals(spec.suspend())) {
            Instant earliest = lastSchedule != null ? lastSchedule : cronJob.metadata().creationTimestamp();
            if (earliest == null) {
                earliest = now;
            }
            if (spec.startingDeadlineSeconds() != null) {
                Instant deadlineStart = now.minusSeconds(spec.startingDeadlineSeconds());
                earliest = earliest.isBefore(deadlineStart) ? deadlineStart : earliest;
            }
            Missed missed = mostRecent(schedule, zone, earliest, now);
            if (missed.count > MISSED_LIMIT) {
                events.event(cronJob, EventRecorder.WARNING, "TooManyMissedTimes",
                        "too many missed start times: %d. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
                        missed.count);
            }
            Instant scheduled = missed.latest;
            if (scheduled != null) {
                Instant created = run(cronJob, spec, scheduled, now, zone, active);
                if (created != null) {
                    lastSchedule = created;
                }
            }
            result = requeueAtNext(schedule, zone, now);
        }
        CronJobStatus status = new CronJobStatus(active.isEmpty() ? null : active, lastSchedule, lastSuccessful);
        if (!Objects.equals(normalized(old), normalized(status))) {
            try {
                cronJobClient.inNamespace(id.namespace()).updateStatus(cronJob.withStatus(status));
            } catch (ApiException.NotFoundException e) {
                return ReconcileResult.done();
            }
        }
        return result;
    }

    /** Starts the Job for {@code scheduled} if the policies allow; returns the scheduled time if a Job now exists. */
    private Instant run(CronJob cronJob, CronJobSpec spec, Instant scheduled, Instant now, ZoneId zone,
                        List<ObjectReference> active) throws ApiException {
        if (spec.startingDeadlineSeconds() != null && scheduled.plusSeconds(spec.startingDeadlineSeconds()).isBefore(now)) {
            events.event(cronJob, EventRecorder.WARNING, "MissSchedule", "Missed scheduled time to start a job: %s",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(scheduled.atZone(zone)));
            return null;
        }
        String name = jobName(cronJob, scheduled);
        if (active.stream().anyMatch(r -> r.name().equals(name))) {
            return scheduled; // already running for this time
        }
        String policy = spec.concurrencyPolicy() == null ? "Allow" : spec.concurrencyPolicy();
        if ("Forbid".equals(policy) && !active.isEmpty()) {
            events.event(cronJob, EventRecorder.NORMAL, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid");
            return null;
        }
        if ("Replace".equals(policy)) {
            for (ObjectReference ref : List.copyOf(active)) {
                deleteJob(cronJob, ref.name());
                active.remove(ref);
            }
        }
        try {
            Job job = jobClient.inNamespace(cronJob.metadata().namespace()).create(jobFor(cronJob, scheduled, zone));
            events.event(cronJob, EventRecorder.NORMAL, "SuccessfulCreate", "Created job %s", job.metadata().name());
            active.add(reference(job));
        } catch (ApiException.AlreadyExistsException e) {
            // Created by an earlier pass whose status write was lost: the name says it is this very run.
        } catch (ApiException e) {
            events.event(cronJob, EventRecorder.WARNING, "FailedCreate", "Error creating job: %s", e.getMessage());
            throw e;
        }
        return scheduled;
    }

    /** The schedule times in (earliest, now]: how many, and the latest (Kubernetes' {@code mostRecentScheduleTime}). */
    record Missed(int count, Instant latest) {
    }

    static Missed mostRecent(CronSchedule schedule, ZoneId zone, Instant earliest, Instant now) {
        int count = 0;
        Instant latest = null;
        Optional<Instant> t = schedule.next(earliest, zone);
        while (t.isPresent() && !t.get().isAfter(now)) {
            count++;
            latest = t.get();
            if (count > MISSED_LIMIT) {
                // Kubernetes stops counting here too; jump to the last time before now.
                latest = lastBefore(schedule, zone, latest, now);
                break;
            }
            t = schedule.next(t.get(), zone);
        }
        return new Missed(count, latest);
    }

    /** The latest schedule time in [from, now], walking back from now in growing windows. */
    private static Instant lastBefore(CronSchedule schedule, ZoneId zone, Instant from, Instant now) {
        Duration window = Duration.ofHours(1);
        while (true) {
            Instant start = now.minus(window);
            if (!start.isAfter(from)) {
                start = from;
            }
            Instant latest = null;
            Optional<Instant> t = schedule.next(start.minusSeconds(1), zone);
            while (t.isPresent() && !t.get().isAfter(now)) {
                latest = t.get();
                t = schedule.next(latest, zone);
            }
            if (latest != null || start.equals(from)) {
                return latest != null ? latest : from;
            }
            window = window.multipliedBy(4);
        }
    }

    private ReconcileResult requeueAtNext(CronSchedule schedule, ZoneId zone, Instant now) {
        return schedule.next(now, zone)
                .map(next -> ReconcileResult.requeueAt(next.plusMillis(100)))
                .orElse(ReconcileResult.done());
    }

    /**
     * The order history is pruned in, as Kubernetes' {@code byJobStartTime}: by start time (creation time before a
     * Job has started), and — start times being whole seconds — by name among Jobs started in the same second:
     * {@code <cronjob>-<scheduled minute>}, the older schedule first.
     */
    static final Comparator<Job> OLDEST_FIRST = Comparator.comparing((Job j) -> j.status() == null || j.status().startTime() == null
            ? j.metadata().creationTimestamp() : j.status().startTime(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(j -> j.metadata().name());

    /** Deletes finished Jobs beyond the history limits, oldest first. */
    private void pruneHistory(CronJob cronJob, List<Job> owned) throws ApiException {
        CronJobSpec spec = cronJob.spec();
        int keepSucceeded = spec.successfulJobsHistoryLimit() == null ? 3 : spec.successfulJobsHistoryLimit();
        int keepFailed = spec.failedJobsHistoryLimit() == null ? 1 : spec.failedJobsHistoryLimit();
        List<Job> succeeded = owned.stream().filter(j -> JobConditions.has(j, "Complete")).sorted(OLDEST_FIRST).toList();
        List<Job> failed = owned.stream().filter(j -> JobConditions.has(j, "Failed")).sorted(OLDEST_FIRST).toList();
        for (int i = 0; i < succeeded.size() - keepSucceeded; i++) {
            deleteJob(cronJob, succeeded.get(i).metadata().name());
        }
        for (int i = 0; i < failed.size() - keepFailed; i++) {
            deleteJob(cronJob, failed.get(i).metadata().name());
        }
    }

    private void deleteJob(CronJob cronJob, String name) throws ApiException {
        try {
            jobClient.inNamespace(cronJob.metadata().namespace()).delete(name,
                    new DeleteOptions(null, null, null, null, null, "Background", null));
            events.event(cronJob, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted job %s", name);
        } catch (ApiException.NotFoundException e) {
            // already gone
        }
    }

    /** {@code <cronjob>-<minutes since the epoch>}: one name per schedule time, as Kubernetes names them. */
    static String jobName(CronJob cronJob, Instant scheduled) {
        return cronJob.metadata().name() + "-" + scheduled.getEpochSecond() / 60;
    }

    /** The Job of {@code scheduled}: the template's metadata and spec, controlled by the CronJob. */
    static Job jobFor(CronJob cronJob, Instant scheduled, ZoneId zone) {
        JobTemplateSpec template = cronJob.spec().jobTemplate();
        ObjectMeta t = template.metadata();
        Map<String, String> annotations = new java.util.TreeMap<>(t == null || t.annotations() == null ? Map.of() : t.annotations());
        annotations.put(SCHEDULED_TIMESTAMP, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(scheduled.atZone(zone)));
        OwnerReference ref = ControllerRefs.newControllerRef(cronJob, CronJob.API_VERSION, CronJob.KIND);
        ObjectMeta meta = new ObjectMeta(jobName(cronJob, scheduled), null, cronJob.metadata().namespace(), null, null,
                null, null, null, null, null, t == null ? null : t.labels(), annotations, List.of(ref), null);
        return Job.of(meta, template.spec(), null);
    }

    private static boolean isOwnedBy(Job job, CronJob cronJob) {
        OwnerReference ref = ControllerRefs.controllerOf(job);
        return ref != null && Objects.equals(ref.uid(), cronJob.metadata().uid());
    }

    private static ObjectReference reference(Job job) {
        return new ObjectReference(Job.KIND, job.metadata().namespace(), job.metadata().name(), job.metadata().uid(),
                Job.API_VERSION, job.metadata().resourceVersion(), null);
    }

    /** Status without the Jobs' resourceVersions, which change on every status write of theirs. */
    private static List<Object> normalized(CronJobStatus status) {
        List<String> names = status.active() == null ? List.of()
                : status.active().stream().map(r -> r.name() + "/" + r.uid()).toList();
        return java.util.Arrays.asList(names, status.lastScheduleTime(), status.lastSuccessfulTime());
    }

    private record OnCronJobs(Consumer<String> enqueue) implements ResourceEventHandler<CronJob> {
        @Override
        public void onAdd(CronJob cronJob) {
            enqueue.accept(Keys.keyOf(cronJob));
        }

        @Override
        public void onUpdate(CronJob oldCronJob, CronJob cronJob) {
            enqueue.accept(Keys.keyOf(cronJob));
        }
    }

    /** A Job's changes wake the CronJob that controls it (a finished Job frees a Forbid slot, fills the history). */
    private record OnJobs(Consumer<String> enqueue) implements ResourceEventHandler<Job> {
        @Override
        public void onAdd(Job job) {
            wake(job);
        }

        @Override
        public void onUpdate(Job oldJob, Job job) {
            wake(job);
        }

        @Override
        public void onDelete(Deleted<Job> deleted) {
            wake(deleted.lastKnown());
        }

        private void wake(Job job) {
            OwnerReference ref = ControllerRefs.controllerOf(job);
            if (ControllerRefs.refersTo(ref, CronJob.API_VERSION, CronJob.KIND)) {
                enqueue.accept(Keys.keyOf(job.metadata().namespace(), ref.name()));
            }
        }
    }
}
