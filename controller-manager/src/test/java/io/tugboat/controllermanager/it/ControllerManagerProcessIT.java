package io.tugboat.controllermanager.it;

import static io.tugboat.controllermanager.it.ItSupport.configMap;
import static io.tugboat.controllermanager.it.ItSupport.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.controllermanager.ControllerManagerMain;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.Eventually;
import io.tugboat.testsupport.EtcdExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tug controller-manager} as separate processes competing for the Lease kube-system/kube-controller-manager
 * (lease 4 s, renew deadline 3 s, retry 1 s): the first leads and collects garbage; killed (SIGKILL), the second
 * takes over and collects garbage in its place; stopped with SIGTERM, it releases the Lease on its way out.
 */
class ControllerManagerProcessIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ApiClient client;
    /** A JVM starting on a busy two-core machine. */
    static final Duration PROCESS_START = Duration.ofSeconds(60);

    @TempDir
    static Path temp;

    final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    Process launch(String name, Path kubeconfig) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "controller-manager-processes"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx192m",
                "-cp", System.getProperty("java.class.path"), ControllerManagerMain.class.getName(),
                "--kubeconfig=" + kubeconfig, "--controllers=garbage-collector-controller",
                "--leader-elect-lease-duration=4s", "--leader-elect-renew-deadline=3s", "--leader-elect-retry-period=1s")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    static Optional<String> holder() {
        return find(client, ResourceKinds.LEASES, "kube-system", "kube-controller-manager")
                .map(Lease::spec).map(spec -> spec.holderIdentity() == null ? "" : spec.holderIdentity());
    }

    /** Creates a ConfigMap whose owner does not exist and waits for the leader's garbage collector to delete it. */
    static void collectsGarbage(String name) throws Exception {
        client.resources(ResourceKinds.CONFIG_MAPS).create(configMap("default", name, List.of(new OwnerReference("v1",
                "ConfigMap", "missing", java.util.UUID.randomUUID().toString(), true, false)), null));
        Eventually.until("the leader's garbage collector deletes " + name, PROCESS_START,
                () -> find(client, ResourceKinds.CONFIG_MAPS, "default", name).isEmpty());
    }

    @Test
    void aSecondInstanceTakesOverWhenTheLeaderIsKilledAndReleasesTheLeaseOnSigterm() throws Exception {
        Path kubeconfig = cluster.writeKubeconfig(temp.resolve("kubeconfig"));
        try {
            Process first = launch("first", kubeconfig);
            Eventually.until("the first instance leads", PROCESS_START, () -> holder().filter(h -> !h.isEmpty()).isPresent());
            String firstLeader = holder().orElseThrow();
            Process second = launch("second", kubeconfig);
            collectsGarbage("garbage-one");

            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Eventually.until("the second instance takes over", PROCESS_START,
                    () -> holder().filter(h -> !h.isEmpty() && !h.equals(firstLeader)).isPresent());
            collectsGarbage("garbage-two");

            String secondLeader = holder().orElseThrow();
            assertNotEquals(firstLeader, secondLeader);
            second.destroy(); // SIGTERM
            second.waitFor(30, TimeUnit.SECONDS);
            assertEquals(Optional.of(""), holder(), "a leader stopped with SIGTERM releases the Lease");
        } finally {
            for (Process process : processes) {
                process.destroyForcibly();
            }
        }
    }
}
