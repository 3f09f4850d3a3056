package io.tugboat.controllermanager.cronjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobCondition;
import io.tugboat.api.batch.JobStatus;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.testing.LiveLister;
import io.tugboat.controllermanager.testing.RecordingEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CronJob controller with fake clients and a fake clock: a day of schedules in milliseconds. */
class CronJobControllerTest {
    static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");
    final FakeClock clock = new FakeClock(CREATED);
    final FakeObjectClient<CronJob> cronJobs = new FakeObjectClient<>(ResourceKinds.CRON_JOBS).withClock(clock);
    final FakeObjectClient<Job> jobs = new FakeObjectClient<>(ResourceKinds.JOBS).withClock(clock);
    final RecordingEvents events = new RecordingEvents();
    final CronJobController controller = new CronJobController(new LiveLister<>(cronJobs), new LiveLister<>(jobs),
            cronJobs, jobs, events.recorder(), clock);

    void seed(String schedule, String extraSpec) throws Exception {
        CronJob cj = Codec.fromYaml("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick, namespace: default, uid: cj-uid}
                spec:
                  schedule: "%s"
                %s
                  jobTemplate:
                    metadata: {labels: {app: tick}}
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: main, image: "tugboat/busybox:1"}]
                """.formatted(schedule, extraSpec.indent(2).stripTrailing()), CronJob.class).value();
        cronJobs.seed(cj.withMetadata(cj.metadata().withCreationTimestamp(CREATED)));
    }

    ReconcileResult reconcile() throws Exception {
        return controller.reconcile("default/tick");
    }

    CronJob current() throws Exception {
        return cronJobs.inNamespace("default").get("tick");
    }

    List<String> jobNames() {
        return jobs.objects().stream().map(j -> j.metadata().name()).sorted().toList();
    }

    void finish(String name, String type) throws Exception {
        Job job = jobs.inNamespace("default").get(name);
        Instant now = clock.instant();
        jobs.updateStatus(job.withStatus(new JobStatus(List.of(new JobCondition(type, "True", now, now, null, null)),
                now.minusSeconds(5), type.equals("Complete") ? now : null, 0, 1, 0, 0, null, null)));
    }

    @Test
    void createsOneJobPerScheduleTimeNamedAfterItsMinute() throws Exception {
        seed("*/5 * * * *", "");
        ReconcileResult first = reconcile();
        assertTrue(jobs.objects().isEmpty(), "nothing is due at creation");
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)).plusMillis(100), ((ReconcileResult.RequeueAt) first).at());

        clock.advance(Duration.ofMinutes(5));
        reconcile();
        reconcile(); // a second pass for the same time creates nothing more
        long minutes = Instant.parse("2024-01-01T00:05:00Z").getEpochSecond() / 60;
        assertEquals(List.of("tick-" + minutes), jobNames());
        Job job = jobs.objects().get(0);
        assertEquals("cj-uid", ControllerRefs.controllerOf(job).uid());
        assertEquals("tick", job.metadata().labels().get("app"));
        assertEquals("2024-01-01T00:05:00Z", job.metadata().annotations().get(CronJobController.SCHEDULED_TIMESTAMP));
        assertEquals(Instant.parse("2024-01-01T00:05:00Z"), current().status().lastScheduleTime());
        assertEquals(1, current().status().active().size());
        assertEquals(1, jobs.actions().stream().filter(a -> a.verb().equals("create")).count());
    }

    @Test
    void keepsTheHistoryLimitsAndRecordsTheLastSuccess() throws Exception {
        seed("* * * * *", "successfulJobsHistoryLimit: 2\nfailedJobsHistoryLimit: 1");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            reconcile();
            String newest = jobNames().get(jobNames().size() - 1);
            finish(newest, i == 1 || i == 2 ? "Failed" : "Complete");
            reconcile();
        }
        long t0 = CREATED.getEpochSecond() / 60;
        // runs 1..5: Complete, Failed, Failed, Complete, Complete -> keep the 2 newest successes and the newest failure
        assertEquals(List.of("tick-" + (t0 + 3), "tick-" + (t0 + 4), "tick-" + (t0 + 5)), jobNames());
        assertNull(current().status().active());
        assertEquals(clock.instant(), current().status().lastSuccessfulTime());
    }

    @Test
    void jobsStartedInTheSameSecondArePrunedOldestScheduleFirst() throws Exception {
        seed("* * * * *", "successfulJobsHistoryLimit: 2");
        Instant sameSecond = clock.instant().plus(Duration.ofMinutes(3));
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            reconcile();
        }
        // A fast cluster: all three ran and finished within one second of the (whole-second) start times.
        for (String name : jobNames()) {
            Job job = jobs.inNamespace("default").get(name);
            jobs.updateStatus(job.withStatus(new JobStatus(List.of(new JobCondition("Complete", "True", sameSecond,
                    sameSecond, null, null)), sameSecond, sameSecond, 0, 1, 0, 0, null, null)));
        }
        List<Job> newestFirst = jobs.objects().stream().sorted(java.util.Comparator.comparing(
                (Job j) -> j.metadata().name()).reversed()).toList();
        assertEquals(jobNames(), newestFirst.stream().sorted(CronJobController.OLDEST_FIRST)
                .map(j -> j.metadata().name()).toList(), "whatever order the cache lists them in");
        reconcile();
        long t0 = CREATED.getEpochSecond() / 60;
        assertEquals(List.of("tick-" + (t0 + 2), "tick-" + (t0 + 3)), jobNames());
    }

    @Test
    void forbidSkipsWhileAJobRunsAndReplaceDeletesIt() throws Exception {
        seed("* * * * *", "concurrencyPolicy: Forbid");
        clock.advance(Duration.ofMinutes(1));
        reconcile();
        clock.advance(Duration.ofMinutes(1));
        reconcile();
        assertEquals(1, jobNames().size());
        assertTrue(events.events().stream().anyMatch(e -> e.startsWith("JobAlreadyActive")));

        CronJob cj = current();
        cronJobs.update(cj.withSpec(cj.spec().withConcurrencyPolicy("Replace")));
        reconcile();
        long minutes = clock.instant().getEpochSecond() / 60;
        assertEquals(List.of("tick-" + minutes), jobNames(), "the running one replaced by this minute's");
    }

    @Test
    void manyMissedTimesRunOnceWithAWarning() throws Exception {
        seed("* * * * *", "");
        clock.advance(Duration.ofHours(5));
        reconcile();
        assertEquals(List.of("tick-" + clock.instant().getEpochSecond() / 60), jobNames(), "only the latest time runs");
        assertTrue(new RecordingEventsView(events).any("TooManyMissedTimes"));
    }

    @Test
    void aTimeMissedBeyondTheStartingDeadlineIsSkipped() throws Exception {
        seed("0 * * * *", "startingDeadlineSeconds: 60");
        clock.advance(Duration.ofMinutes(62));
        reconcile();
        assertTrue(jobNames().isEmpty());
        clock.set(Instant.parse("2024-01-01T02:00:30Z"));
        reconcile();
        assertEquals(1, jobNames().size());
    }

    @Test
    void aSuspendedCronJobCreatesNothingAndBadSchedulesOrZonesAreReported() throws Exception {
        seed("* * * * *", "suspend: true");
        clock.advance(Duration.ofMinutes(3));
        reconcile();
        assertTrue(jobNames().isEmpty());

        CronJob cj = current();
        cronJobs.update(cj.withSpec(cj.spec().withSuspend(false).withTimeZone("Mars/Olympus")));
        reconcile();
        cj = current();
        cronJobs.update(cj.withSpec(cj.spec().withTimeZone(null).withSchedule("CRON_TZ=UTC * * * * *")));
        reconcile();
        assertTrue(jobNames().isEmpty());
        List<String> all = events.events();
        assertTrue(all.stream().anyMatch(e -> e.startsWith("UnknownTimeZone")), all.toString());
        assertTrue(all.stream().anyMatch(e -> e.startsWith("UnparseableSchedule")), all.toString());
    }

    @Test
    void schedulesAreReadInTheTimeZoneGiven() throws Exception {
        seed("0 9 * * *", "timeZone: Asia/Tokyo");
        clock.set(Instant.parse("2024-01-02T00:00:30Z")); // 09:00:30 the next day in Tokyo
        reconcile();
        assertEquals(1, jobNames().size());
        assertEquals("2024-01-02T09:00:00+09:00", jobs.objects().get(0).metadata().annotations().get(CronJobController.SCHEDULED_TIMESTAMP));
    }

    /** Reads the recorded events once. */
    record RecordingEventsView(RecordingEvents events) {
        boolean any(String reason) {
            return events.events().stream().anyMatch(e -> e.startsWith(reason + ":"));
        }
    }
}
