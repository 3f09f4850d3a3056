package io.tugboat.controllermanager.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobCondition;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Controllers;
import io.tugboat.controllermanager.testing.Kubectl;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Job and TTL-after-finished controllers (and the garbage collector) against a real API server on etcd; the
 * test plays the kubelet ({@link FinishingKubelet}). Also what the real kubectl prints for Jobs.
 */
class JobIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static TestCluster cluster;
    static ApiClient client;
    static ControllerManager controllers;
    static FinishingKubelet kubelet;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        controllers = new ControllerManager(client, Controllers.builtIn().select(List.of("job-controller",
                "ttl-after-finished-controller", "garbage-collector-controller")), ControllerManagerOptions.defaults(),
                Clock.systemUTC());
        controllers.start();
        kubelet = new FinishingKubelet(client);
        Path dir = Files.createTempDirectory("job-it");
        kubectl = new Kubectl(cluster.writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("cache"));
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (controllers != null) {
            controllers.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static ResourceClient<Job> jobs() {
        return client.resources(ResourceKinds.JOBS).inNamespace("default");
    }

    static ResourceClient<Pod> pods() {
        return client.resources(ResourceKinds.PODS).inNamespace("default");
    }

    static Job create(String name, String spec, String image, String command) throws Exception {
        return jobs().create(Codec.fromYaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s}
                spec:
                %s
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: %s
                        command: ["sh", "-c", "%s"]
                """.formatted(name, spec.indent(2).stripTrailing(), image, command), Job.class).value());
    }

    static Optional<Job> get(String name) {
        try {
            return Optional.of(jobs().get(name));
        } catch (ApiException.NotFoundException e) {
            return Optional.empty();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<JobCondition> condition(String name, String type) {
        return get(name).filter(j -> j.status() != null && j.status().conditions() != null)
                .flatMap(j -> j.status().conditions().stream().filter(c -> c.type().equals(type) && "True".equals(c.status())).findFirst());
    }

    static List<Pod> podsOf(String job) {
        try {
            return pods().list(ListOptions.none().withLabelSelector("batch.kubernetes.io/job-name=" + job)).items();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static void eventually(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, timeout, condition);
    }

    @Test
    void completionsFiveParallelismTwoRunsExactlyFivePodsToComplete() throws Exception {
        create("five", "completions: 5\nparallelism: 2", "tugboat/busybox:1", "echo done");
        eventually("the Job completes", Duration.ofSeconds(90), () -> condition("five", "Complete").isPresent());

        Job job = get("five").orElseThrow();
        assertEquals(5, job.status().succeeded());
        assertEquals(0, job.status().failed());
        assertEquals(0, job.status().active());
        assertTrue(job.status().completionTime() != null && job.status().startTime() != null);
        List<Pod> pods = podsOf("five");
        assertEquals(5, pods.size(), "exactly five pods ran");
        assertTrue(pods.stream().allMatch(p -> "Succeeded".equals(p.status().phase())));
        eventually("every pod released", Duration.ofSeconds(30), () -> podsOf("five").stream()
                .noneMatch(JobPods::hasFinalizer));

        Kubectl.Result table = kubectl.run("get", "jobs", "five");
        assertEquals(0, table.exitCode(), table.output());
        assertTrue(table.output().matches("(?s)NAME\\s+STATUS\\s+COMPLETIONS\\s+DURATION\\s+AGE\\s*\\nfive\\s+Complete\\s+5/5\\s+.*"),
                table.output());
        Kubectl.Result describe = kubectl.run("describe", "job", "five");
        assertEquals(0, describe.exitCode(), describe.output());
        assertTrue(describe.output().contains("Completions:") && describe.output().contains("5 Succeeded"), describe.output());
        assertTrue(describe.output().contains("SuccessfulCreate"), describe.output());
    }

    @Test
    void aJobWhosePodsAlwaysFailStopsAtItsBackoffLimit() throws Exception {
        create("doomed", "backoffLimit: 1", "tugboat/busybox:1", "exit 1");
        eventually("the Job fails", Duration.ofSeconds(90), () -> condition("doomed", "Failed").isPresent());

        assertEquals("BackoffLimitExceeded", condition("doomed", "Failed").orElseThrow().reason());
        assertEquals(2, get("doomed").orElseThrow().status().failed());
        assertEquals(2, podsOf("doomed").size(), "backoffLimit 1: the first pod and one retry");
        Kubectl.Result table = kubectl.run("get", "job", "doomed");
        assertTrue(table.output().contains("Failed"), table.output());
    }

    @Test
    void deletingARunningJobLeavesNoPodBehind() throws Exception {
        create("forever", "parallelism: 2\ncompletions: 2", FinishingKubelet.RUNS_FOREVER, "sleep 3600");
        eventually("two pods run", Duration.ofSeconds(60), () -> get("forever").map(j -> j.status() != null
                && Integer.valueOf(2).equals(j.status().active())).orElse(false));
        jobs().delete("forever", new DeleteOptions(null, null, null, null, null, "Background", null));
        eventually("the pods are gone, finalizers and all", Duration.ofSeconds(60), () -> podsOf("forever").isEmpty());
    }

    @Test
    void aFinishedJobWithATtlIsDeletedWithItsPods() throws Exception {
        create("brief", "ttlSecondsAfterFinished: 1", "tugboat/busybox:1", "echo hi");
        eventually("completed, then deleted", Duration.ofSeconds(90), () -> get("brief").isEmpty());
        eventually("its pod is deleted too", Duration.ofSeconds(60), () -> podsOf("brief").isEmpty());
    }
}
