package io.tugboat.controllermanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.controllermanager.ControllerManagerMain;
import io.tugboat.controllermanager.deployment.DeploymentController;
import io.tugboat.controllermanager.replicaset.ReplicaSetController;
import io.tugboat.controllermanager.testing.FakeKubelet;
import io.tugboat.controllermanager.testing.PodCensus;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller-manager crash in the middle of a scale-up, with real processes: {@code tug controller-manager}
 * (the ReplicaSet and Deployment controllers) is killed with SIGKILL while it creates the pods of a
 * Deployment scaled from 0 to 100, a second process takes the Lease over, and the Deployment ends with exactly 100
 * pods, each created once. The killed process's expectations (creates in flight) die with it; the new one must
 * trust only what the API server lists, and never create a pod twice nor delete a surplus one.
 *
 * <p>{@code DeploymentRolloutIT} does the same with an in-process restart, and also checks that a restart in steady
 * state writes nothing; this test adds the crash of a real process and the leader hand-over.
 */
class ControllerManagerRestartIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    /**
     * A JVM starting on a busy two-core machine, plus the 15 s lease of the killed leader. The default lease
     * timing, not a shortened one: with a 3 s renew deadline, the new leader, busy creating 100 pods on a loaded
     * machine, could miss a renewal and exit.
     */
    static final Duration PROCESS_START = Duration.ofSeconds(120);

    static TestCluster cluster;
    static ApiClient client;
    static FakeKubelet kubelet;

    @TempDir
    static Path temp;

    final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        kubelet = FakeKubelet.start(client, 3);
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        cluster.close();
    }

    @AfterEach
    void killProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    Process launch(String name, Path kubeconfig) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "controller-manager-processes"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx192m",
                "-cp", System.getProperty("java.class.path"), ControllerManagerMain.class.getName(),
                "--kubeconfig=" + kubeconfig,
                "--controllers=" + ReplicaSetController.NAME + "," + DeploymentController.NAME)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    @Test
    void aControllerManagerKilledDuringAScaleUpFromZeroToOneHundredHandsOverAndEndsWithExactlyOneHundredPods()
            throws Exception {
        Path kubeconfig = cluster.writeKubeconfig(temp.resolve("kubeconfig"));
        Process first = launch("restart-first", kubeconfig);
        deployments().create(deployment("crash", 0));
        Eventually.until("the first process leads and creates the empty ReplicaSet", PROCESS_START,
                () -> !list(ResourceKinds.REPLICA_SETS).isEmpty());

        try (PodCensus census = PodCensus.start(client, "default", "app=crash")) {
            deployments().scale("crash", 100);
            Eventually.until("the scale-up is under way", PROCESS_START, () -> census.added() >= 10);
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
            int beforeTheCrash = census.added();

            launch("restart-second", kubeconfig);
            Eventually.until("the second process finishes the scale-up: 100 pods available", PROCESS_START, () -> {
                Deployment d = get("crash");
                return d.status() != null && Integer.valueOf(100).equals(d.status().availableReplicas())
                        && Integer.valueOf(100).equals(d.status().updatedReplicas());
            });
            System.out.printf("pods created before the SIGKILL (as the watch saw them then): %d of 100%n", beforeTheCrash);
            assertEquals(100, census.added(), "every pod created once, across the crash");
            assertEquals(0, census.deleted(), "no surplus pod to delete");
            assertEquals(100, census.maxLive());
        }
        List<Pod> pods = list(ResourceKinds.PODS);
        assertEquals(100, pods.stream().filter(p -> p.metadata().deletionTimestamp() == null).count());
        assertEquals(1, list(ResourceKinds.REPLICA_SETS).size(), "one ReplicaSet: the new leader found it and made no second one");
    }

    static Deployment deployment(String name, int replicas) throws Exception {
        return Codec.fromYaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: default
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                      - name: main
                        image: tugboat/busybox:1
                """.formatted(name, replicas), Deployment.class).value();
    }

    static ResourceClient<Deployment> deployments() {
        return client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default");
    }

    static Deployment get(String name) {
        try {
            return deployments().get(name);
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T extends io.tugboat.api.meta.KubernetesObject> List<T> list(io.tugboat.api.ResourceKind<T> kind) {
        try {
            return client.resources(kind).inNamespace("default").list(ListOptions.none().withLabelSelector("app=crash"))
                    .items();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
