package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs and CronJobs end to end: {@code tug up} with two nodes, real busybox containers on the real Docker engine,
 * the real kubectl reading the results.
 */
class JobsE2EIT {
    static UpCluster cluster;
    static CommandRunner run;

    @BeforeAll
    static void up() {
        cluster = UpCluster.start("jobs", 2);
        run = cluster.runner();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String job(String name, String spec, String command) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                spec:
                %s
                  template:
                    spec:
                      restartPolicy: Never
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: main
                        image: tugboat/busybox:1
                        imagePullPolicy: IfNotPresent
                        command: ["sh", "-c", "%s"]
                """.formatted(name, spec.indent(2).stripTrailing(), command);
    }

    CommandRunner.Result ok(CommandRunner.Result result) {
        assertEquals(0, result.code(), () -> result + "\n" + cluster.logTails());
        return result;
    }

    @Test
    void fiveCompletionsTwoAtATimeRunExactlyFivePodsToComplete() {
        ok(run.kubectlWithInput(job("five", "completions: 5\nparallelism: 2", "echo ok"), "apply", "-f", "-"));
        ok(run.kubectl("wait", "--for=condition=complete", "job/five", "--timeout=240s"));

        CommandRunner.Result pods = ok(run.kubectl("get", "pods", "-l", "batch.kubernetes.io/job-name=five",
                "-o", "jsonpath={range .items[*]}{.status.phase}{\"\\n\"}{end}"));
        assertEquals(5, pods.out().strip().lines().count(), pods::toString);
        assertTrue(pods.out().strip().lines().allMatch("Succeeded"::equals), pods::toString);
        CommandRunner.Result status = ok(run.kubectl("get", "job", "five", "-o",
                "jsonpath={.status.succeeded}/{.status.failed}"));
        assertEquals("5/", status.out().strip().replace("/0", "/"), status::toString);
        CommandRunner.Result table = ok(run.kubectl("get", "jobs"));
        assertTrue(table.out().matches("(?s).*\\nfive\\s+Complete\\s+5/5\\s+.*"), table::toString);
    }

    @Test
    void aJobWhosePodAlwaysFailsStopsAtBackoffLimitExceeded() {
        ok(run.kubectlWithInput(job("doomed", "backoffLimit: 1", "exit 1"), "apply", "-f", "-"));
        ok(run.kubectl("wait", "--for=condition=failed", "job/doomed", "--timeout=240s"));

        CommandRunner.Result reason = ok(run.kubectl("get", "job", "doomed", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason} {.status.failed}"));
        assertEquals("BackoffLimitExceeded 2", reason.out().strip(), reason::toString);
        CommandRunner.Result pods = ok(run.kubectl("get", "pods", "-l", "batch.kubernetes.io/job-name=doomed",
                "-o", "jsonpath={range .items[*]}{.status.containerStatuses[0].state.terminated.exitCode}{\"\\n\"}{end}"));
        assertEquals("1\n1", pods.out().strip(), pods::toString);
    }

    @Test
    void theJobExampleRunsAndItsLogsAreRead() {
        Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/examples/job.yaml");
        ok(run.tug("apply", "-f", example.toString()));
        ok(run.tug("wait", "--for=condition=complete", "job/sum", "--timeout=240s"));
        CommandRunner.Result logs = ok(run.tug("logs", "job/sum"));
        assertTrue(logs.out().contains("sum=5000050000"), logs::toString);
    }

    @Test
    void anEveryMinuteCronJobCreatesJobsAndPrunesItsHistory() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/examples/cronjob.yaml");
        ok(run.tug("apply", "-f", example.toString()));
        Set<String> seen = new TreeSet<>();
        // Bounded, once: two schedule times must pass on the wall clock (at most ~2 minutes plus the pods' runs).
        Eventually.until("two Jobs created and the older one pruned", Duration.ofSeconds(200), () -> {
            CommandRunner.Result jobs = run.kubectl("get", "jobs", "-o",
                    "jsonpath={range .items[*]}{.metadata.name} {.status.succeeded}{\"\\n\"}{end}");
            if (jobs.code() != 0) {
                return false;
            }
            String[] lines = jobs.out().strip().isEmpty() ? new String[0] : jobs.out().strip().split("\n");
            Arrays.stream(lines).filter(l -> l.startsWith("tick-")).map(l -> l.split(" ")[0]).forEach(seen::add);
            long kept = Arrays.stream(lines).filter(l -> l.startsWith("tick-")).count();
            return seen.size() >= 2 && kept == 1 && Arrays.stream(lines).anyMatch(l -> l.matches("tick-\\d+ 1"));
        });
        CommandRunner.Result cron = ok(run.kubectl("get", "cronjob", "tick", "-o",
                "jsonpath={.status.lastScheduleTime} {.status.lastSuccessfulTime}"));
        assertTrue(cron.out().strip().matches("\\S+Z \\S+Z"), cron::toString);
        ok(run.kubectl("delete", "cronjob", "tick"));
    }
}
