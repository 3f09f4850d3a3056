package io.tugboat.controllermanager.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.Job;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Controllers;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.testing.Kubectl;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CronJob controller on a fake clock (a minute passes when the test says so) with the Job controller and the
 * garbage collector on the real one, against a real API server; the test plays the kubelet.
 */
class CronJobIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    @Test
    void anEveryMinuteCronJobCreatesJobsAndPrunesItsHistory() throws Exception {
        FakeClock clock = new FakeClock(Instant.now());
        try (TestCluster cluster = TestCluster.start(etcd)) {
            ApiClient client = cluster.client();
            ControllerManager jobs = new ControllerManager(client, Controllers.builtIn().select(List.of("job-controller",
                    "garbage-collector-controller")), ControllerManagerOptions.defaults(), Clock.systemUTC());
            ControllerManager cron = new ControllerManager(client, Controllers.builtIn().select(List.of("cronjob-controller")),
                    ControllerManagerOptions.defaults(), clock);
            jobs.start();
            cron.start();
            try (FinishingKubelet kubelet = new FinishingKubelet(client)) {
                CronJob cronJob = client.resources(ResourceKinds.CRON_JOBS).inNamespace("default").create(Codec.fromYaml("""
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata: {name: tick}
                        spec:
                          schedule: "* * * * *"
                          successfulJobsHistoryLimit: 2
                          jobTemplate:
                            spec:
                              template:
                                spec:
                                  restartPolicy: Never
                                  containers: [{name: main, image: "tugboat/busybox:1", command: ["date"]}]
                        """, CronJob.class).value());

                // Fake time starts where the CronJob's life does (its creation time comes from the API server's
                // real clock, which ran on while the cluster started).
                Duration behind = Duration.between(clock.instant(), cronJob.metadata().creationTimestamp());
                if (!behind.isNegative()) {
                    clock.advance(behind);
                }
                for (int minute = 1; minute <= 4; minute++) {
                    clock.advance(Duration.ofMinutes(1));
                    int expected = Math.min(minute, 2);
                    long due = clock.instant().getEpochSecond() / 60;
                    Eventually.until("the Job of minute " + minute + " runs to completion", Duration.ofSeconds(60), () ->
                            owned(client, cronJob).stream().anyMatch(j -> j.metadata().name().equals("tick-" + due)
                                    && JobConditions.has(j, "Complete")));
                    Eventually.until(expected + " Jobs kept", Duration.ofSeconds(60), () -> owned(client, cronJob).size() == expected);
                }
                CronJob now = client.resources(ResourceKinds.CRON_JOBS).inNamespace("default").get("tick");
                Eventually.until("the last success is recorded", Duration.ofSeconds(30), () -> {
                    CronJob c = get(client);
                    return c.status() != null && c.status().lastSuccessfulTime() != null && c.status().active() == null;
                });
                assertNotNull(now.status().lastScheduleTime());
                long last = clock.instant().getEpochSecond() / 60;
                assertEquals(List.of("tick-" + (last - 1), "tick-" + last),
                        owned(client, cronJob).stream().map(j -> j.metadata().name()).sorted().toList());

                Path dir = Files.createTempDirectory("cronjob-it");
                Kubectl kubectl = new Kubectl(cluster.writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("cache"));
                Kubectl.Result table = kubectl.run("get", "cronjobs");
                assertEquals(0, table.exitCode(), table.output());
                assertTrue(table.output().matches("(?s)NAME\\s+SCHEDULE\\s+TIMEZONE\\s+SUSPEND\\s+ACTIVE\\s+LAST SCHEDULE\\s+AGE\\s*\\n"
                        + "tick\\s+\\* \\* \\* \\* \\*\\s+<none>\\s+False\\s+0\\s+.*"), table.output());
            } finally {
                cron.stop();
                jobs.stop();
            }
        }
    }

    static CronJob get(ApiClient client) {
        try {
            return client.resources(ResourceKinds.CRON_JOBS).inNamespace("default").get("tick");
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Job> owned(ApiClient client, CronJob cronJob) {
        try {
            return client.resources(ResourceKinds.JOBS).inNamespace("default").list(ListOptions.none()).items().stream()
                    .filter(j -> ControllerRefs.controllerOf(j) != null
                            && cronJob.metadata().uid().equals(ControllerRefs.controllerOf(j).uid()))
                    .toList();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
