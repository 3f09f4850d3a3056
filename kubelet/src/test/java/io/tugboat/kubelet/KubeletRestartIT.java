package io.tugboat.kubelet;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.EmptyDirVolumeSource;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Volume;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restart safety with a real SIGKILL: the kubelet runs as a separate process ({@code KubeletMain}), is killed
 * with {@link Process#destroyForcibly()} and started again. Running containers are adopted (same ids, same restart
 * counts, not restarted); the containers of a pod deleted meanwhile are removed.
 */
class KubeletRestartIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    private final String node = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final DockerRuntime docker = new DockerRuntime("unix:///var/run/docker.sock");
    private TestCluster cluster;
    private Process kubelet;

    @AfterEach
    void cleanUp() throws Exception {
        if (kubelet != null) {
            kubelet.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        docker.list(ContainerLabels.ofNode(node)).forEach(c -> docker.remove(c.id()));
        docker.close();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKubeletKilledWithSigkillAdoptsItsContainersAndRemovesThoseOfPodsDeletedMeanwhile() throws Exception {
        cluster = TestCluster.start(etcd);
        ApiClient client = cluster.client();
        ResourceClient<Pod> pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        Path dir = Files.createTempDirectory("kubelet-restart");
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        kubelet = startKubelet(kubeconfig, dir, 1);
        waitForReadyNode(client);

        var once = PodSpecs.withMount(container("app", "tugboat/busybox:1",
                "if [ -f /data/once ]; then exec sleep 1000; else touch /data/once; exit 1; fi"), "data", "/data");
        pods.create(pod("survivor", node, "Always", List.of(once), List.of(new Volume("data", null, new EmptyDirVolumeSource(null, null),
                null, null, null)), 1L));
        pods.create(pod("doomed", node, "Always", List.of(container("app", "tugboat/busybox:1", "exec sleep 1000")), null, 1L));
        Pod survivor = waitFor(pods, "survivor", "running after one restart", p -> app(p).restartCount() == 1 && app(p).state().running() != null);
        Pod doomed = waitFor(pods, "doomed", "running", p -> app(p).state().running() != null);
        String id = app(survivor).containerID();
        ContainerInfo before = docker.inspect(id.substring("docker://".length())).orElseThrow();

        kubelet.destroyForcibly();
        assertTrue(kubelet.waitFor(10, TimeUnit.SECONDS));
        pods.delete("doomed", new DeleteOptions(null, null, 0L, null, null, null, null));
        kubelet = startKubelet(kubeconfig, dir, 2);

        String doomedUid = doomed.metadata().uid();
        Eventually.until("the deleted pod's containers are removed", Duration.ofSeconds(120),
                () -> docker.list(Map.of(ContainerLabels.POD_UID, doomedUid)).isEmpty());
        Pod after = pods.get("survivor");
        assertEquals(id, app(after).containerID(), "the same container");
        assertEquals(1, app(after).restartCount(), "the restart count is kept");
        ContainerInfo now = docker.inspect(id.substring("docker://".length())).orElseThrow();
        assertTrue(now.running());
        assertEquals(before.startedAt(), now.startedAt(), "the container was not restarted");
        assertEquals(2, docker.list(Map.of(ContainerLabels.POD_UID, survivor.metadata().uid())).stream()
                .filter(ContainerInfo::running).count(), "its sandbox and its container still run, nothing new was made");
    }

    private Process startKubelet(Path kubeconfig, Path dir, int run) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KubeletMain.class.getName(), "--kubeconfig", kubeconfig.toString(), "--node-name", node,
                "--port", Integer.toString(port), "--root-dir", dir.resolve("root").toString(), "--restart-backoff", "1s",
                "--node-status-update-frequency", "2s",
                // no controller-manager here to give the Node a podCIDR: pods stay on Docker's default bridge
                "--pod-network", "docker",
                // the in-process API server speaks plain HTTP, so the kubelet's own port does too (loopback only);
                // no service proxy or cluster DNS, which would claim the host's rules and docker0's port 53
                "--insecure-http", "--proxy-mode", "none", "--serve-cluster-dns=false")
                .redirectErrorStream(true).redirectOutput(dir.resolve("kubelet-" + run + ".log").toFile()).start();
    }

    private void waitForReadyNode(ApiClient client) throws InterruptedException {
        Eventually.until("the node registers Ready", Duration.ofSeconds(120), () -> {
            try {
                Node n = client.resources(ResourceKinds.NODES).get(node);
                return n.status() != null && n.status().conditions().stream().anyMatch(c -> c.type().equals("Ready") && c.status().equals("True"));
            } catch (ApiException e) {
                return false;
            }
        });
    }

    private static ContainerStatus app(Pod p) {
        return p.status() == null || p.status().containerStatuses() == null || p.status().containerStatuses().isEmpty()
                ? new ContainerStatus("app", new io.tugboat.api.core.ContainerState(null, null, null), null, false, -1, null, null, null, false)
                : p.status().containerStatuses().get(0);
    }

    private static Pod waitFor(ResourceClient<Pod> pods, String name, String what, Predicate<Pod> condition) throws InterruptedException {
        return Await.until(what + " (" + name + ")", Duration.ofSeconds(120), () -> pods.get(name), condition);
    }
}
