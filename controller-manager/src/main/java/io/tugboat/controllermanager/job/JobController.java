package io.tugboat.controllermanager.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobCondition;
import io.tugboat.api.batch.JobSpec;
import io.tugboat.api.batch.JobStatus;
import io.tugboat.api.batch.UncountedTerminatedPods;
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
import io.tugboat.controllermanager.common.Expectations;
import io.tugboat.controllermanager.common.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a Job's pods until enough of them succeed, or the Job fails (Kubernetes' {@code job_controller.go}).
 *
 * <pre>
 *   reconcile("ns/pi"):
 *     job = cache                            gone? strip our finalizer from the pods it left, done
 *     owned = claim(pods of the namespace)   all of them, finished ones too: they are the results
 *     1. account     finished pods still holding the job-tracking finalizer go to uncountedTerminatedPods
 *     2. decide      failed > backoffLimit (or OnFailure restarts ≥ backoffLimit) → Failed/BackoffLimitExceeded
 *                    active longer than activeDeadlineSeconds                   → Failed/DeadlineExceeded
 *                    enough successes                                           → Complete
 *                    otherwise                  create or delete pods to reach min(parallelism, completions - succeeded),
 *                                               new pods only once the failure backoff has passed
 *     3. write       status with the uncounted uids (the results are now safe in etcd)
 *     4. release     remove the finalizer from those pods (now they may go away)
 *     5. count       move the released uids to succeeded/failed, set the finishing condition; write status
 * </pre>
 *
 * <p>Why the finalizer: a pod's result lives only in the pod. Without {@code batch.kubernetes.io/job-tracking} a
 * finished pod deleted by a user (or by the pod garbage collector) before the controller saw it would vanish with
 * its result. With it, the pod stays until step 4, and steps 3-5 are ordered so a crash at any point neither loses
 * nor double-counts a result: a uid is in {@code uncountedTerminatedPods} (written before the finalizer goes) or in
 * the counters (written after), never in neither. The one gap, a status write that the cache has not shown yet,
 * is closed by refusing to act on a Job older than the last status this controller wrote.
 *
 * <p>Pods failed means phase Failed, or being deleted without having succeeded (a deleted pod never reports).
 * Pods the controller deletes itself (scale-down, suspend) are not failures; pods it deletes because the Job
 * failed are (Kubernetes counts them the same way). Indexed Jobs give each pod an index 0..completions-1 (in the
 * {@code batch.kubernetes.io/job-completion-index} annotation and label, the {@code JOB_COMPLETION_INDEX}
 * environment variable and the hostname {@code <job>-<index>}); the Job completes when every index has a
 * succeeded pod ({@code status.completedIndexes}).
 *
 * <p>Events: {@code SuccessfulCreate}, {@code FailedCreate}, {@code SuccessfulDelete}, {@code Completed},
 * {@code BackoffLimitExceeded}, {@code DeadlineExceeded}, {@code Suspended}, {@code Resumed}.
 */
public final class JobController implements Reconciler {
    /** The runner's name and the Events' component, as in Kubernetes. */
    public static final String NAME = "job-controller";
    /** Keeps a finished pod until its result is counted in the Job's status. */
    public static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
    /** The index of a pod of an Indexed Job (annotation and label). */
    public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    /** The environment variable carrying the index. */
    public static final String COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** Kubernetes' default {@code backoffLimit}. */
    public static final int DEFAULT_BACKOFF_LIMIT = 6;
    /** At most this many pods created per pass (Kubernetes' {@code MaxPodCreateDeletePerSync}). */
    static final int MAX_CREATES_PER_PASS = 500;

    private final Lister<Job> jobs;
    private final Lister<Pod> pods;
    private final ObjectClient<Job> jobClient;
    private final ObjectClient<Pod> podClient;
    private final EventRecorder events;
    private final Clock clock;
    private final Expectations expectations;
    /** Per Job: failures since the last success (in memory, as in Kubernetes: a restart forgets the backoff). */
    private final Map<String, JobBackoff> backoffs = new ConcurrentHashMap<>();
    /** Per Job: uids of pods whose finalizer we removed, until the cache shows it gone (else they'd count twice). */
    private final Map<String, Set<String>> releasing = new ConcurrentHashMap<>();
    /** Per Job: uids of pods we deleted for scale-down or suspend; released without counting as failures. */
    private final Map<String, Set<String>> discarded = new ConcurrentHashMap<>();
    /** Per Job: the resourceVersion of our last status write; an older cached Job is not acted on. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    public JobController(Lister<Job> jobs, Lister<Pod> pods, ObjectClient<Job> jobClient, ObjectClient<Pod> podClient,
                         EventRecorder events, Clock clock) {
        this.jobs = jobs;
        this.pods = pods;
        this.jobClient = jobClient;
        this.podClient = podClient;
        this.events = events;
        this.clock = clock;
        this.expectations = new Expectations(clock);
    }

    /**
     * The controller wired to shared informers for Jobs and Pods, ready to {@link ControllerRunner#start()}. Call
     * before {@code informers.start()}.
     *
     * @param workers how many Jobs are reconciled at once ({@code --concurrent-job-syncs}, 5 in Kubernetes)
     */
    public static ControllerRunner newRunner(ApiClient client, SharedInformerFactory informers, EventRecorder events,
                                             Clock clock, int workers) {
        SharedInformer<Job> jobInformer = informers.informerFor(ResourceKinds.JOBS);
        SharedInformer<Pod> podInformer = informers.informerFor(ResourceKinds.PODS);
        JobController controller = new JobController(jobInformer.lister(), podInformer.lister(),
                client.resources(ResourceKinds.JOBS), client.resources(ResourceKinds.PODS), events, clock);
        return ControllerRunner.builder(NAME, controller)
                .watches(jobInformer::hasSynced, enqueue -> jobInformer.addEventHandler(
                        new JobEventHandlers.ForJobs(controller.expectations, enqueue)))
                .watches(podInformer::hasSynced, enqueue -> podInformer.addEventHandler(
                        new JobEventHandlers.ForPods(jobInformer.lister(), controller.expectations, enqueue)))
                .workers(workers)
                .clock(clock)
                .build();
    }

    /** The expectations the handlers count off; shared with them. */
    Expectations expectations() {
        return expectations;
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException, InterruptedException {
        ObjectKey id = Keys.split(key);
        List<Pod> namespacePods = pods.list(id.namespace(), Selector.everything());
        Optional<Job> found = jobs.get(id.namespace(), id.name());
        if (found.isEmpty()) {
            forget(key);
            releaseLeftovers(namespacePods, id.name(), null);
            return ReconcileResult.done();
        }
        Job job = found.get();
        Long ours = written.get(key);
        if (ours != null && resourceVersion(job) < ours) {
            return ReconcileResult.requeueAfter(Duration.ofSeconds(1)); // our last write is on its way to the cache
        }
        releaseLeftovers(namespacePods, id.name(), job.metadata().uid());
        Selector selector = Selector.fromLabelSelector(job.spec().selector());
        if (selector.isEmpty()) {
            return ReconcileResult.done(); // the API server defaults a selector; an empty one would take every pod
        }
        OwnerReference ref = ControllerRefs.newControllerRef(job, Job.API_VERSION, Job.KIND);
        List<Pod> owned = new ControllerRefManager<>(podClient, job.metadata(), ref, selector,
                ControllerRefs.adoptionCheck(jobClient, job)).claim(namespacePods);
        forgetReleased(key, owned);
        return sync(key, job, owned, ref);
    }

    private ReconcileResult sync(String key, Job job, List<Pod> owned, OwnerReference ref)
            throws ApiException, InterruptedException {
        Instant now = clock.instant();
        JobSpec spec = job.spec();
        JobStatus old = job.status() == null ? emptyStatus() : job.status();
        boolean finished = JobConditions.finished(job);
        boolean indexed = "Indexed".equals(spec.completionMode());
        int completions = spec.completions() == null ? -1 : spec.completions();
        Set<String> releasingNow = releasing.getOrDefault(key, Set.of());
        Set<String> discardedNow = discarded.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());

        // 1. Account: finished pods holding our finalizer whose result is not recorded yet.
        Set<String> uncountedSucceeded = new LinkedHashSet<>(uids(old.uncountedTerminatedPods(), true));
        Set<String> uncountedFailed = new LinkedHashSet<>(uids(old.uncountedTerminatedPods(), false));
        Set<String> uncountedDiscarded = new LinkedHashSet<>();
        int newSucceeded = 0;
        int newFailed = 0;
        for (Pod pod : owned) {
            String uid = pod.metadata().uid();
            if (!JobPods.hasFinalizer(pod) || releasingNow.contains(uid) || uncountedSucceeded.contains(uid)
                    || uncountedFailed.contains(uid)) {
                continue;
            }
            if (discardedNow.contains(uid)) {
                if (!Pods.isActive(pod)) {
                    uncountedDiscarded.add(uid);
                }
            } else if ("Succeeded".equals(JobPods.phase(pod))) {
                uncountedSucceeded.add(uid);
                newSucceeded++;
            } else if (JobPods.isFailed(pod)) {
                uncountedFailed.add(uid);
                newFailed++;
            }
        }
        JobBackoff backoff = backoffs.getOrDefault(key, JobBackoff.NONE).after(newSucceeded, newFailed, now);
        backoffs.put(key, backoff);

        List<Pod> active = owned.stream().filter(Pods::isActive).toList();
        int succeeded = nz(old.succeeded()) + uncountedSucceeded.size();
        int failed = nz(old.failed()) + uncountedFailed.size();
        SortedSet<Integer> completedIndexes = indexed ? completedIndexes(old, owned, completions) : null;
        int done = indexed ? completedIndexes.size() : succeeded;

        // 2. Decide.
        JobCondition finishing = null;
        List<JobCondition> conditions = new ArrayList<>(old.conditions() == null ? List.of() : old.conditions());
        Instant startTime = old.startTime();
        boolean suspended = Boolean.TRUE.equals(spec.suspend());
        ReconcileResult result = ReconcileResult.done();
        int activeCount = active.size();
        ApiException manageError = null;
        if (!finished) {
            if (suspended) {
                if (JobConditions.set(conditions, "Suspended", "True", "JobSuspended", "Job suspended", now)) {
                    events.event(job, EventRecorder.NORMAL, "Suspended", "Job suspended");
                }
            } else {
                if (JobConditions.set(conditions, "Suspended", "False", "JobResumed", "Job resumed", now)) {
                    events.event(job, EventRecorder.NORMAL, "Resumed", "Job resumed");
                    startTime = now; // a resumed Job's deadline counts from its resumption
                }
                if (startTime == null) {
                    startTime = now;
                }
            }
            int backoffLimit = spec.backoffLimit() == null ? DEFAULT_BACKOFF_LIMIT : spec.backoffLimit();
            if (failed > backoffLimit || JobPods.pastBackoffLimitOnFailure(job, active, backoffLimit)) {
                finishing = JobConditions.failed("BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
            } else if (!suspended && spec.activeDeadlineSeconds() != null
                    && !now.isBefore(startTime.plusSeconds(spec.activeDeadlineSeconds()))) {
                finishing = JobConditions.failed("DeadlineExceeded", "Job was active longer than specified deadline", now);
            } else if (completions >= 0 ? done >= completions : succeeded > 0 && activeCount == 0) {
                finishing = JobConditions.complete(now);
            }
            if (finishing != null) {
                // Whatever still runs is killed; for a failed Job, those pods are failures too.
                boolean countAsFailed = "Failed".equals(finishing.type());
                for (Pod pod : active) {
                    if (deletePod(key, job, pod, countAsFailed ? null : discardedNow) && countAsFailed && JobPods.hasFinalizer(pod)) {
                        uncountedFailed.add(pod.metadata().uid());
                    }
                }
                activeCount = 0;
            } else if (expectations.satisfied(key)) {
                int parallelism = suspended ? 0 : spec.parallelism() == null ? 1 : spec.parallelism();
                int wantActive = completions < 0 ? (succeeded > 0 ? activeCount : parallelism)
                        : Math.max(0, Math.min(parallelism, completions - done));
                try {
                    activeCount = indexed
                            ? manageIndexed(key, job, ref, active, wantActive, completions, completedIndexes, backoff, now)
                            : manage(key, job, ref, active, wantActive, backoff, now);
                } catch (ApiException e) {
                    manageError = e; // the results counted above are still written; then the pass is retried
                }
                Duration wait = backoff.remaining(now);
                if (activeCount < wantActive && !wait.isZero()) {
                    result = ReconcileResult.requeueAt(now.plus(wait));
                }
            } else {
                result = ReconcileResult.requeueAfter(expectations.timeToExpiry(key));
            }
            if (finishing == null && !suspended && spec.activeDeadlineSeconds() != null && result.equals(ReconcileResult.done())) {
                result = ReconcileResult.requeueAt(startTime.plusSeconds(spec.activeDeadlineSeconds()));
            }
        }

        // 3. Write the results before anything lets the pods go.
        int ready = (int) active.stream().filter(Pods::isReady).count();
        JobStatus pending = new JobStatus(conditions, startTime, old.completionTime(), activeCount, nz(old.succeeded()),
                nz(old.failed()), ready, indexed ? CompletedIndexes.format(completedIndexes) : old.completedIndexes(),
                uncounted(uncountedSucceeded, uncountedFailed));
        job = writeStatus(key, job, pending);

        // 4. Release: take the finalizer off every pod whose result is recorded (and off discarded ones).
        Set<String> released = new LinkedHashSet<>();
        Map<String, Pod> byUid = new HashMap<>();
        owned.forEach(p -> byUid.put(p.metadata().uid(), p));
        ApiException releaseError = null;
        List<String> toRelease = new ArrayList<>(uncountedSucceeded);
        toRelease.addAll(uncountedFailed);
        toRelease.addAll(uncountedDiscarded);
        for (String uid : toRelease) {
            Pod pod = byUid.get(uid);
            try {
                if (pod == null || !JobPods.hasFinalizer(pod) || removeFinalizer(pod)) {
                    released.add(uid);
                    if (pod != null && JobPods.hasFinalizer(pod)) {
                        releasing.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(uid);
                    }
                }
            } catch (ApiException e) {
                releaseError = releaseError == null ? e : releaseError;
            }
        }
        discardedNow.removeAll(released);

        // 5. Count what was released, and finish the Job once nothing is left uncounted.
        int countedSucceeded = (int) uncountedSucceeded.stream().filter(released::contains).count();
        int countedFailed = (int) uncountedFailed.stream().filter(released::contains).count();
        uncountedSucceeded.removeAll(released);
        uncountedFailed.removeAll(released);
        Instant completionTime = old.completionTime();
        if (finishing != null && uncountedSucceeded.isEmpty() && uncountedFailed.isEmpty()) {
            conditions.add(finishing);
            if ("Complete".equals(finishing.type())) {
                completionTime = now;
                events.event(job, EventRecorder.NORMAL, "Completed", "Job completed");
            } else {
                events.event(job, EventRecorder.WARNING, finishing.reason(), finishing.message());
            }
        } else if (finishing != null) {
            result = ReconcileResult.requeueAfter(Duration.ofSeconds(1)); // finish once the stragglers are counted
        }
        JobStatus counted = pending.withSucceeded(nz(old.succeeded()) + countedSucceeded)
                .withFailed(nz(old.failed()) + countedFailed)
                .withUncountedTerminatedPods(uncounted(uncountedSucceeded, uncountedFailed))
                .withConditions(conditions)
                .withCompletionTime(completionTime);
        writeStatus(key, job, counted);
        if (manageError != null) {
            throw manageError;
        }
        if (releaseError != null) {
            throw releaseError;
        }
        return result;
    }

    /** Creates or deletes pods of a NonIndexed Job so that {@code wantActive} run; returns how many now run. */
    private int manage(String key, Job job, OwnerReference ref, List<Pod> active, int wantActive, JobBackoff backoff,
                       Instant now) throws ApiException {
        int diff = active.size() - wantActive;
        if (diff > 0) {
            List<Pod> doomed = active.stream().sorted(JobPods.DELETE_FIRST).limit(diff).toList();
            expectations.expectDeletions(key, doomed.stream().map(Keys::keyOf).toList());
            for (Pod pod : doomed) {
                deletePod(key, job, pod, discarded.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()));
            }
            return wantActive;
        }
        if (diff < 0 && backoff.remaining(now).isZero()) {
            int missing = Math.min(-diff, MAX_CREATES_PER_PASS);
            List<Pod> toCreate = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                toCreate.add(JobPods.fromTemplate(job, ref, null));
            }
            return active.size() + createPods(key, job, toCreate);
        }
        return active.size();
    }

    /**
     * The Indexed version: one active pod per index that has not succeeded, lowest indexes first; duplicates and
     * pods of completed indexes are deleted.
     */
    private int manageIndexed(String key, Job job, OwnerReference ref, List<Pod> active, int wantActive, int completions,
                              SortedSet<Integer> completed, JobBackoff backoff, Instant now) throws ApiException {
        TreeMap<Integer, Pod> running = new TreeMap<>();
        List<Pod> doomed = new ArrayList<>();
        for (Pod pod : active) {
            int index = JobPods.index(pod, completions);
            if (index < 0 || completed.contains(index) || running.containsKey(index)) {
                doomed.add(pod);
            } else {
                running.put(index, pod);
            }
        }
        while (running.size() > wantActive) {
            doomed.add(running.pollLastEntry().getValue());
        }
        if (!doomed.isEmpty()) {
            expectations.expectDeletions(key, doomed.stream().map(Keys::keyOf).toList());
            for (Pod pod : doomed) {
                deletePod(key, job, pod, discarded.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()));
            }
            return running.size();
        }
        if (running.size() < wantActive && backoff.remaining(now).isZero()) {
            List<Pod> toCreate = new ArrayList<>();
            for (int i = 0; i < completions && running.size() + toCreate.size() < wantActive; i++) {
                if (!completed.contains(i) && !running.containsKey(i)) {
                    toCreate.add(JobPods.fromTemplate(job, ref, i));
                }
            }
            return running.size() + createPods(key, job, toCreate);
        }
        return running.size();
    }

    /** Creates the pods one after the other, stopping at the first error; returns how many were created. */
    private int createPods(String key, Job job, List<Pod> toCreate) throws ApiException {
        if (toCreate.isEmpty()) {
            return 0;
        }
        expectations.expectCreations(key, toCreate.size());
        int created = 0;
        try {
            for (Pod pod : toCreate) {
                Pod made = podClient.inNamespace(job.metadata().namespace()).create(pod);
                created++;
                events.event(job, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: %s", made.metadata().name());
            }
        } catch (ApiException e) {
            events.event(job, EventRecorder.WARNING, "FailedCreate", "Error creating: %s", e.getMessage());
            for (int i = created; i < toCreate.size(); i++) {
                expectations.creationObserved(key); // these will never show up
            }
            throw e;
        }
        return created;
    }

    /**
     * Deletes {@code pod}; returns true if the delete went through (or the pod was already gone). Pods deleted for
     * scale-down or suspension go into {@code discard}, so they are released without counting as failures.
     */
    private boolean deletePod(String key, Job job, Pod pod, Set<String> discard) throws ApiException {
        if (discard != null) {
            discard.add(pod.metadata().uid());
        }
        try {
            podClient.inNamespace(pod.metadata().namespace()).delete(pod.metadata().name(), null);
            events.event(job, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: %s", pod.metadata().name());
            return true;
        } catch (ApiException.NotFoundException e) {
            expectations.deletionObserved(key, Keys.keyOf(pod));
            return true;
        } catch (ApiException e) {
            expectations.deletionObserved(key, Keys.keyOf(pod));
            if (discard != null) {
                discard.remove(pod.metadata().uid());
            }
            events.event(job, EventRecorder.WARNING, "FailedDelete", "Error deleting: %s", e.getMessage());
            throw e;
        }
    }

    private static SortedSet<Integer> completedIndexes(JobStatus old, List<Pod> owned, int completions) {
        SortedSet<Integer> completed = CompletedIndexes.parse(old.completedIndexes(), completions);
        for (Pod pod : owned) {
            int index = JobPods.index(pod, completions);
            if (index >= 0 && "Succeeded".equals(JobPods.phase(pod))) {
                completed.add(index);
            }
        }
        return completed;
    }

    private JobStatus emptyStatus() {
        return new JobStatus(null, null, null, null, null, null, null, null, null);
    }

    private Job writeStatus(String key, Job job, JobStatus status) throws ApiException {
        if (Objects.equals(job.status(), status)) {
            return job;
        }
        // Written over the cached version: if the cache is behind, the Conflict makes us retry on fresher data.
        Job updated = jobClient.inNamespace(job.metadata().namespace()).updateStatus(job.withStatus(status));
        written.put(key, resourceVersion(updated));
        return updated;
    }

    /** Removes our finalizer from {@code pod}; false if the pod is gone. */
    private boolean removeFinalizer(Pod pod) throws ApiException {
        ObjectNode patch = Codec.json().createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        List<String> rest = new ArrayList<>(pod.metadata().finalizers());
        rest.remove(TRACKING_FINALIZER);
        if (rest.isEmpty()) {
            metadata.putNull("finalizers");
        } else {
            ArrayNode list = metadata.putArray("finalizers");
            rest.forEach(list::add);
        }
        metadata.put("uid", pod.metadata().uid());
        metadata.put("resourceVersion", pod.metadata().resourceVersion());
        try {
            podClient.inNamespace(pod.metadata().namespace()).mergePatch(pod.metadata().name(), patch.toString());
            return true;
        } catch (ApiException.NotFoundException e) {
            return true;
        }
    }

    /**
     * Pods controlled by a Job named {@code name} that is not {@code uid} (deleted, or replaced by a namesake) keep
     * our finalizer forever unless we take it off: no Job will ever count them.
     */
    private void releaseLeftovers(List<Pod> namespacePods, String name, String uid) throws ApiException {
        ApiException first = null;
        for (Pod pod : namespacePods) {
            OwnerReference ref = ControllerRefs.controllerOf(pod);
            if (JobPods.hasFinalizer(pod) && ControllerRefs.refersTo(ref, Job.API_VERSION, Job.KIND) && name.equals(ref.name())
                    && !Objects.equals(uid, ref.uid())) {
                try {
                    removeFinalizer(pod);
                } catch (ApiException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Drops the uids whose finalizer removal the cache now shows. */
    private void forgetReleased(String key, List<Pod> owned) {
        Set<String> uids = releasing.get(key);
        if (uids == null) {
            return;
        }
        Map<String, Pod> byUid = new HashMap<>();
        owned.forEach(p -> byUid.put(p.metadata().uid(), p));
        uids.removeIf(uid -> byUid.get(uid) == null || !JobPods.hasFinalizer(byUid.get(uid)));
    }

    private void forget(String key) {
        expectations.forget(key);
        backoffs.remove(key);
        releasing.remove(key);
        discarded.remove(key);
        written.remove(key);
    }

    private static long resourceVersion(Job job) {
        try {
            return Long.parseLong(job.metadata().resourceVersion());
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }

    private static List<String> uids(UncountedTerminatedPods uncounted, boolean succeeded) {
        if (uncounted == null) {
            return List.of();
        }
        List<String> list = succeeded ? uncounted.succeeded() : uncounted.failed();
        return list == null ? List.of() : list;
    }

    private static UncountedTerminatedPods uncounted(Set<String> succeeded, Set<String> failed) {
        return new UncountedTerminatedPods(succeeded.isEmpty() ? null : List.copyOf(succeeded),
                failed.isEmpty() ? null : List.copyOf(failed));
    }

    private static <T> List<T> nl(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
