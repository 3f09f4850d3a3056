package io.tugboat.controllermanager.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobCondition;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.client.testing.Listers;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.common.Pods;
import io.tugboat.controllermanager.testing.LiveLister;
import io.tugboat.controllermanager.testing.RecordingEvents;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Job controller with fake clients, a cache that is never behind, and a fake clock. The test plays the kubelet
 * by setting pod phases. One controller instance lives through each test, as it would in a controller manager.
 */
class JobControllerTest {
    final FakeClock clock = new FakeClock();
    final FakeObjectClient<Job> jobs = new FakeObjectClient<>(ResourceKinds.JOBS).withClock(clock);
    final FakeObjectClient<Pod> pods = new FakeObjectClient<>(ResourceKinds.PODS).withClock(clock);
    final RecordingEvents events = new RecordingEvents();
    final JobController controller = new JobController(new LiveLister<>(jobs), new LiveLister<>(pods), jobs, pods,
            events.recorder(), clock);
    final JobEventHandlers.ForPods podHandler = new JobEventHandlers.ForPods(new LiveLister<>(jobs),
            controller.expectations(), key -> { });
    final Set<String> seen = new TreeSet<>();

    static Job job(String extraSpec) throws Exception {
        return Codec.fromYaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi, namespace: default, uid: job-uid}
                spec:
                %s
                  selector: {matchLabels: {batch.kubernetes.io/controller-uid: job-uid}}
                  template:
                    metadata: {labels: {batch.kubernetes.io/controller-uid: job-uid, batch.kubernetes.io/job-name: pi}}
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: "tugboat/busybox:1"}]
                """.formatted(extraSpec.indent(2).stripTrailing()), Job.class).value();
    }

    /** Reconciles, then lets the "informer" deliver the pods created meanwhile. */
    ReconcileResult reconcile() throws Exception {
        ReconcileResult result = controller.reconcile("default/pi");
        for (Pod pod : pods.objects()) {
            if (seen.add(pod.metadata().uid())) {
                podHandler.onAdd(pod);
            }
        }
        return result;
    }

    Job current() throws Exception {
        return jobs.inNamespace("default").get("pi");
    }

    List<Pod> active() {
        return pods.objects().stream().filter(Pods::isActive).toList();
    }

    void finish(Pod pod, String phase) throws Exception {
        pods.updateStatus(pod.withStatus(new PodStatus(phase, null, null, null, null, null, null, null, null, null, null, null)));
    }

    long created() {
        return pods.actions().stream().filter(a -> a.verb().equals("create")).count();
    }

    JobCondition condition(String type) throws Exception {
        Job job = current();
        if (job.status() == null || job.status().conditions() == null) {
            return null;
        }
        return job.status().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    @Test
    void createsParallelismPodsOwnedByTheJobAndTrackedByTheFinalizer() throws Exception {
        jobs.seed(job("completions: 5\nparallelism: 2"));
        reconcile();

        assertEquals(2, pods.objects().size());
        for (Pod pod : pods.objects()) {
            assertEquals("pi-", pod.metadata().generateName());
            assertEquals("job-uid", ControllerRefs.controllerOf(pod).uid());
            assertTrue(JobPods.hasFinalizer(pod));
            assertEquals("pi", pod.metadata().labels().get("batch.kubernetes.io/job-name"));
        }
        assertEquals(2, current().status().active());
        assertNotNull(current().status().startTime());
    }

    @Test
    void runsExactlyFiveSuccessfulPodsTwoAtATimeThenCompletes() throws Exception {
        jobs.seed(job("completions: 5\nparallelism: 2"));
        for (int pass = 0; pass < 10 && condition("Complete") == null; pass++) {
            reconcile();
            assertTrue(active().size() <= 2, "never more than parallelism at once");
            for (Pod pod : active()) {
                finish(pod, "Succeeded");
            }
            reconcile();
        }
        Job job = current();
        assertEquals(5, created(), "exactly completions pods");
        assertEquals(5, job.status().succeeded());
        assertEquals(0, job.status().failed());
        assertEquals(0, job.status().active());
        assertEquals("True", condition("Complete").status());
        assertNotNull(job.status().completionTime());
        assertNull(job.status().uncountedTerminatedPods().succeeded());
        assertTrue(pods.objects().stream().noneMatch(JobPods::hasFinalizer), "every result counted, every pod released");
        assertTrue(events.events().contains("Completed: Job completed"));
    }

    @Test
    void recordsResultsAsUncountedBeforeReleasingThePods() throws Exception {
        jobs.seed(job("completions: 1"));
        reconcile();
        finish(active().get(0), "Succeeded");
        jobs.clearActions();
        pods.clearActions();
        reconcile();

        List<FakeObjectClient.Action> statusWrites = jobs.actions().stream().filter(a -> a.verb().equals("updateStatus")).toList();
        assertEquals(2, statusWrites.size());
        Job first = (Job) statusWrites.get(0).object();
        assertEquals(1, first.status().uncountedTerminatedPods().succeeded().size(), "first the uid is recorded");
        assertEquals(0, first.status().succeeded());
        assertEquals(List.of("updateStatus", "patch", "updateStatus"),
                List.of(jobs.actions().get(0).verb(), pods.actions().get(0).verb(), jobs.actions().get(1).verb()));
        assertEquals(1, current().status().succeeded(), "then counted");
    }

    @Test
    void aFinishedPodDeletedBeforeItWasCountedIsStillCounted() throws Exception {
        jobs.seed(job("completions: 2\nparallelism: 2"));
        reconcile();
        Pod pod = active().get(0);
        finish(pod, "Succeeded");
        Pod finished = pods.inNamespace("default").get(pod.metadata().name());
        // A user deletes it: the finalizer keeps it, marked for deletion.
        pods.update(finished.withMetadata(finished.metadata().withDeletionTimestamp(clock.instant())));
        reconcile();

        assertEquals(1, current().status().succeeded());
        assertFalse(JobPods.hasFinalizer(pods.inNamespace("default").get(pod.metadata().name())));
    }

    @Test
    void replacesFailedPodsAfterAnExponentialBackoff() throws Exception {
        jobs.seed(job("completions: 1\nbackoffLimit: 6"));
        reconcile();
        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            finish(active().get(0), "Failed");
            ReconcileResult result = reconcile();
            assertTrue(active().isEmpty(), "no replacement before the delay");
            delays.add(untilDue(result));
            clock.advance(delays.get(i).minusSeconds(1));
            reconcile();
            assertTrue(active().isEmpty(), "nor a second before it ends");
            clock.advance(Duration.ofSeconds(1));
            reconcile();
            assertEquals(1, active().size(), "a replacement once it has passed");
        }
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80)), delays);
        assertEquals(4, current().status().failed());
    }

    @Test
    void failsWithBackoffLimitExceededAfterMoreThanBackoffLimitFailures() throws Exception {
        jobs.seed(job("completions: 1\nbackoffLimit: 1"));
        reconcile();
        finish(active().get(0), "Failed");
        reconcile();
        assertNull(condition("Failed"));
        clock.advance(Duration.ofSeconds(10));
        reconcile();
        finish(active().get(0), "Failed");
        reconcile();

        assertEquals("BackoffLimitExceeded", condition("Failed").reason());
        assertEquals(2, current().status().failed());
        assertEquals(2, created());
        clock.advance(Duration.ofMinutes(10));
        reconcile();
        assertEquals(2, created(), "a failed Job runs nothing more");
        assertTrue(events.events().contains("BackoffLimitExceeded: Job has reached the specified backoff limit"));
    }

    @Test
    void restartsUnderOnFailureCountAgainstTheBackoffLimit() throws Exception {
        Job job = job("completions: 1\nbackoffLimit: 2");
        jobs.seed(job.withSpec(job.spec().withTemplate(new io.tugboat.api.core.PodTemplateSpec(job.spec().template().metadata(),
                job.spec().template().spec().withRestartPolicy("OnFailure")))));
        reconcile();
        Pod pod = active().get(0);
        pods.updateStatus(pod.withStatus(Codec.fromYaml("""
                phase: Running
                containerStatuses: [{name: main, restartCount: 2, ready: false}]
                """, PodStatus.class).value()));
        reconcile();

        assertEquals("BackoffLimitExceeded", condition("Failed").reason());
        assertTrue(active().isEmpty(), "the crash-looping pod is deleted");
    }

    @Test
    void failsWithDeadlineExceededAndKillsItsPods() throws Exception {
        jobs.seed(job("parallelism: 2\ncompletions: 4\nactiveDeadlineSeconds: 30"));
        ReconcileResult result = reconcile();
        assertEquals(Duration.ofSeconds(30), untilDue(result));
        clock.advance(Duration.ofSeconds(30));
        reconcile();

        assertEquals("DeadlineExceeded", condition("Failed").reason());
        assertTrue(active().isEmpty());
        assertEquals(2, current().status().failed(), "the killed pods are failures");
    }

    @Test
    void anIndexedJobRunsOnePodPerIndexUntilEveryIndexSucceeded() throws Exception {
        jobs.seed(job("completions: 3\nparallelism: 3\ncompletionMode: Indexed"));
        reconcile();
        assertEquals(Set.of("0", "1", "2"), active().stream()
                .map(p -> p.metadata().annotations().get(JobController.COMPLETION_INDEX)).collect(Collectors.toSet()));
        for (Pod pod : active()) {
            String index = pod.metadata().annotations().get(JobController.COMPLETION_INDEX);
            assertEquals("pi-" + index, pod.spec().hostname());
            assertEquals("pi-" + index + "-", pod.metadata().generateName());
            assertEquals(index, pod.metadata().labels().get(JobController.COMPLETION_INDEX));
            assertTrue(pod.spec().containers().get(0).env().contains(new EnvVar("JOB_COMPLETION_INDEX", index, null)));
        }
        Pod one = active().stream().filter(p -> p.spec().hostname().equals("pi-1")).findFirst().orElseThrow();
        Pod two = active().stream().filter(p -> p.spec().hostname().equals("pi-2")).findFirst().orElseThrow();
        finish(one, "Succeeded");
        finish(two, "Failed");
        reconcile();
        assertEquals("1", current().status().completedIndexes());
        clock.advance(Duration.ofSeconds(10));
        reconcile();
        assertEquals(List.of("pi-0", "pi-2"), active().stream().map(p -> p.spec().hostname()).sorted().toList(),
                "index 2 is retried, index 1 is not");
        for (Pod pod : active()) {
            finish(pod, "Succeeded");
        }
        reconcile();
        assertEquals("0-2", current().status().completedIndexes());
        assertEquals("True", condition("Complete").status());
    }

    @Test
    void aSuspendedJobRunsNothingAndSuspendingDeletesPodsWithoutCountingFailures() throws Exception {
        jobs.seed(job("completions: 2\nparallelism: 2\nsuspend: true"));
        reconcile();
        assertEquals(0, created());
        assertEquals("True", condition("Suspended").status());
        assertNull(current().status().startTime());

        Job job = current();
        jobs.update(job.withSpec(job.spec().withSuspend(false)));
        reconcile();
        assertEquals(2, active().size());
        assertEquals("JobResumed", condition("Suspended").reason());

        job = current();
        jobs.update(job.withSpec(job.spec().withSuspend(true)));
        reconcile();
        reconcile();
        assertTrue(active().isEmpty());
        assertEquals("True", condition("Suspended").status());
        assertEquals(0, current().status().failed(), "suspension is not failure");
    }

    @Test
    void aDeletedJobsPodsLoseTheFinalizer() throws Exception {
        jobs.seed(job("completions: 1"));
        reconcile();
        jobs.inNamespace("default").delete("pi", null);
        reconcile();
        assertTrue(pods.objects().stream().noneMatch(JobPods::hasFinalizer));
    }

    @Test
    void theTtlControllerDeletesAFinishedJobOnceItsTtlHasPassed() throws Exception {
        jobs.seed(job("completions: 1\nttlSecondsAfterFinished: 60"));
        reconcile();
        finish(active().get(0), "Succeeded");
        reconcile();
        TtlAfterFinishedController ttl = new TtlAfterFinishedController(new LiveLister<>(jobs), jobs, clock);
        ReconcileResult result = ttl.reconcile("default/pi");
        assertEquals(Duration.ofSeconds(60), untilDue(result));
        clock.advance(Duration.ofSeconds(60));
        ttl.reconcile("default/pi");
        assertTrue(jobs.objects().isEmpty());
    }

    @Test
    void aNewControllerCountsTheResultsItsPredecessorRecordedAsUncounted() throws Exception {
        jobs.seed(job("completions: 2\nparallelism: 2"));
        reconcile();
        Pod pod = active().get(0);
        finish(pod, "Succeeded");
        Job job = current();
        // The previous controller crashed after step 3: the uid is recorded, the finalizer still on.
        jobs.updateStatus(job.withStatus(job.status().withUncountedTerminatedPods(
                new io.tugboat.api.batch.UncountedTerminatedPods(List.of(pod.metadata().uid()), null))));
        JobController restarted = new JobController(new LiveLister<>(jobs), new LiveLister<>(pods), jobs, pods,
                events.recorder(), clock);
        restarted.reconcile("default/pi");

        assertEquals(1, current().status().succeeded(), "counted once");
        assertNull(current().status().uncountedTerminatedPods().succeeded());
        assertFalse(JobPods.hasFinalizer(pods.inNamespace("default").get(pod.metadata().name())));
        restarted.reconcile("default/pi");
        assertEquals(1, current().status().succeeded(), "and only once");
    }

    @Test
    void aCacheThatHasNotSeenOurLastStatusWriteIsNotActedOn() throws Exception {
        jobs.seed(job("completions: 1"));
        Lister<Job> live = new LiveLister<>(jobs);
        AtomicReference<Lister<Job>> cache = new AtomicReference<>(live);
        Lister<Job> view = new Lister<>() {
            public java.util.Optional<Job> get(String namespace, String name) {
                return cache.get().get(namespace, name);
            }

            public List<Job> list(Selector selector) {
                return cache.get().list(selector);
            }

            public List<Job> list(String namespace, Selector selector) {
                return cache.get().list(namespace, selector);
            }

            public List<Job> byIndex(String index, String value) {
                return cache.get().byIndex(index, value);
            }
        };
        JobController c = new JobController(view, new LiveLister<>(pods), jobs, pods, events.recorder(), clock);
        c.reconcile("default/pi");
        Job stale = current();
        finish(active().get(0), "Succeeded");
        c.reconcile("default/pi"); // counts the success and releases the pod: two status writes
        assertEquals(1, current().status().succeeded());
        jobs.clearActions();
        pods.clearActions();

        cache.set(Listers.of(stale)); // the cache still shows the Job from before the count
        ReconcileResult result = c.reconcile("default/pi");

        assertTrue(result instanceof ReconcileResult.RequeueAfter, result.toString());
        assertEquals(List.of(), jobs.writes());
        assertEquals(List.of(), pods.writes(), "no second pod for a success the stale Job does not show");
    }

    /** How long from the fake clock's now until the moment the reconciler asked to be called again. */
    private Duration untilDue(ReconcileResult result) {
        return Duration.between(clock.instant(), ((ReconcileResult.RequeueAt) result).at());
    }
}
