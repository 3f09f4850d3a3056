package io.tugboat.kubelet;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.ExecAction;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Probe;
import io.tugboat.api.core.ResourceRequirements;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kubelet end to end: real etcd, real API server, one in-process kubelet on the real Docker engine. Pods are
 * created already bound to the kubelet's node (no scheduler here). One kubelet serves every test of the class;
 * every container it made is removed at the end.
 */
class KubeletDockerIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String NODE = "it-" + UUID.randomUUID().toString().substring(0, 8);
    static TestCluster cluster;
    static DockerRuntime docker;
    static Kubelet kubelet;
    static ApiClient client;
    static ResourceClient<Pod> pods;
    static Path root;

    @BeforeAll
    static void startKubelet() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        docker = new DockerRuntime("unix:///var/run/docker.sock");
        root = Files.createTempDirectory("kubelet-it");
        KubeletConfig config = KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0).withRootDir(root)
                .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofMinutes(10))
                // a relist only every 30 s: state changes within the tests are noticed through Docker's event stream
                .withIntervals(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(30));
        kubelet = new Kubelet(config, client, docker).start();
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (docker != null) {
            docker.list(ContainerLabels.ofNode(NODE)).forEach(c -> docker.remove(c.id()));
            docker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static Pod waitFor(String name, String what, Predicate<Pod> condition) throws InterruptedException {
        return Await.until(what + " (pod " + name + ")", Duration.ofSeconds(60), () -> pods.get(name), condition);
    }

    static Optional<ContainerStatus> status(Pod pod, String container) {
        if (pod.status() == null || pod.status().containerStatuses() == null) {
            return Optional.empty();
        }
        return pod.status().containerStatuses().stream().filter(s -> s.name().equals(container)).findFirst();
    }

    static boolean condition(Pod pod, String type) {
        return pod.status() != null && pod.status().conditions() != null && pod.status().conditions().stream()
                .anyMatch(c -> c.type().equals(type) && "True".equals(c.status()));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void twoContainersShareLocalhostAndTheHostPortServesHttpFromTheHost() throws Exception {
        int hostPort = freePort();
        var web = PodSpecs.withPort(container("web", "tugboat/busybox:1",
                "mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 8080 -h /www"), 8080, hostPort);
        var client = container("client", "tugboat/busybox:1",
                "until wget -q -O- http://localhost:8080/; do sleep 0.2; done; exec sleep 1000");
        pods.create(pod("pair", NODE, "Always", List.of(web, client)));

        Pod running = waitFor("pair", "both containers running", p -> p.status() != null && "Running".equals(p.status().phase())
                && condition(p, "Ready"));
        assertEquals(running.status().podIP() != null, true, "the pod has the sandbox's address");
        assertEquals("127.0.0.1", running.status().hostIP());
        assertTrue(status(running, "web").orElseThrow().containerID().startsWith("docker://"));
        Eventually.until("the client reached the web container on localhost", Duration.ofSeconds(30),
                () -> log("pair", "client", false).contains("hello-from-web"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("hello-from-web\n", response.body());

        List<ContainerInfo> containers = docker.list(Map.of(ContainerLabels.NODE, NODE, ContainerLabels.POD_NAME, "pair"));
        assertEquals(3, containers.size(), "a sandbox and two containers: " + containers);
    }

    @Test
    void aContainerThatExitsOneUnderAlwaysIsRestartedWithGrowingDelaysAndShowsCrashLoopBackOff() throws Exception {
        Pod created = pods.create(pod("crasher", NODE, "Always", List.of(container("main", "tugboat/busybox:1", "echo crashing; exit 1"))));
        // every attempt as Docker reports it (attempt n-1 is kept until n+1 exists, so each pair is seen)
        Map<Integer, ContainerInfo> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        boolean[] sawBackoff = new boolean[1];
        Pod pod = waitFor("crasher", "three restarts", p -> {
            for (ContainerInfo c : docker.list(Map.of(ContainerLabels.POD_UID, created.metadata().uid(), ContainerLabels.CONTAINER_NAME, "main"))) {
                attempts.put(Integer.parseInt(c.label(ContainerLabels.ATTEMPT)), c);
            }
            Optional<ContainerStatus> s = status(p, "main");
            if (s.isPresent() && s.get().state().waiting() != null && "CrashLoopBackOff".equals(s.get().state().waiting().reason())) {
                sawBackoff[0] = true;
            }
            return attempts.containsKey(3) && attempts.get(3).startedAt() != null && s.isPresent() && s.get().restartCount() >= 3;
        });
        assertTrue(sawBackoff[0], "CrashLoopBackOff was shown while waiting");
        ContainerStatus s = status(pod, "main").orElseThrow();
        assertEquals(1, s.lastState().terminated().exitCode());
        assertEquals("Error", s.lastState().terminated().reason());
        assertEquals("Running", pod.status().phase(), "a crash-looping pod under Always stays Running");
        // Kubernetes' schedule with a 2 s initial backoff: restart 1 at once, restart 2 after >= 2 s, restart 3 after >= 4 s
        Duration second = Duration.between(attempts.get(1).finishedAt(), attempts.get(2).startedAt());
        Duration third = Duration.between(attempts.get(2).finishedAt(), attempts.get(3).startedAt());
        assertTrue(second.toMillis() >= 2000, "the second restart waited the first backoff (2 s): " + second);
        assertTrue(third.toMillis() >= 4000, "the third restart waited twice as long (4 s): " + third);
        pods.delete("crasher", new io.tugboat.api.meta.DeleteOptions(null, null, 0L, null, null, null, null));
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerAndReadinessFlipsTheReadyCondition() throws Exception {
        Probe liveness = new Probe(new ExecAction(List.of("sh", "-c", "! test -f /tmp/sick")), null, null, null, 1, 1, 1, 1, null);
        Probe readiness = new Probe(new ExecAction(List.of("test", "-f", "/tmp/ready")), null, null, null, 1, 1, 1, 1, null);
        var c = PodSpecs.withProbes(container("app", "tugboat/busybox:1", "exec sleep 1000"), liveness, readiness);
        pods.create(pod("probed", NODE, "Always", List.of(c), null, 1L));
        Pod pod = waitFor("probed", "running but not ready", p -> status(p, "app").map(s -> s.state().running() != null).orElse(false));
        assertTrue(!condition(pod, "Ready"), "not ready before the readiness probe passes");
        String id = status(pod, "app").orElseThrow().containerID().substring("docker://".length());

        docker.exec(id, List.of("touch", "/tmp/ready"), Duration.ofSeconds(30));
        waitFor("probed", "Ready after the probe passes", p -> condition(p, "Ready") && status(p, "app").orElseThrow().ready());
        docker.exec(id, List.of("rm", "/tmp/ready"), Duration.ofSeconds(30));
        waitFor("probed", "not Ready after it fails", p -> !condition(p, "Ready"));

        docker.exec(id, List.of("touch", "/tmp/sick"), Duration.ofSeconds(30));
        Pod restarted = waitFor("probed", "restarted after liveness failed", p -> status(p, "app").map(s -> s.restartCount() >= 1
                && s.state().running() != null).orElse(false));
        assertTrue(!status(restarted, "app").orElseThrow().containerID().endsWith(id), "a new container");
        pods.delete("probed", new io.tugboat.api.meta.DeleteOptions(null, null, 0L, null, null, null, null));
    }

    @Test
    void aMemoryLimitIsEnforcedByDockerAndExceedingItIsOomKilled() throws Exception {
        var limits = new ResourceRequirements(Map.of("memory", Quantity.parse("32Mi"), "cpu", Quantity.parse("500m")),
                Map.of("cpu", Quantity.parse("250m")));
        var hog = container("hog", "tugboat/busybox:1", "sleep 2; head -c 200m /dev/zero | tail").withResources(limits);
        pods.create(pod("hog", NODE, "Never", List.of(hog)));
        Pod running = waitFor("hog", "running", p -> status(p, "hog").map(s -> s.containerID() != null).orElse(false));
        String id = status(running, "hog").orElseThrow().containerID().substring("docker://".length());
        Process inspect = new ProcessBuilder("docker", "inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}", id)
                .redirectErrorStream(true).start();
        String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(inspect.waitFor(10, TimeUnit.SECONDS));
        assertEquals("33554432 500000000 256", out);

        Pod dead = waitFor("hog", "OOM killed", p -> "Failed".equals(p.status().phase()));
        assertEquals("OOMKilled", status(dead, "hog").orElseThrow().state().terminated().reason());
    }

    @Test
    void deletingAPodWhoseContainerIgnoresSigtermTakesTheGracePeriodThenThePodAndContainersAreGone() throws Exception {
        pods.create(pod("stubborn", NODE, "Always", List.of(new io.tugboat.api.core.Container("main", "tugboat/busybox:1",
                List.of("sleep", "1000"), null, null, null, null, null, null, null, null, null, null, null, null, null, "IfNotPresent",
                null, null, null)), null, 3L));
        Pod pod = waitFor("stubborn", "running", p -> "Running".equals(p.status().phase()));
        String uid = pod.metadata().uid();
        long start = System.nanoTime();
        pods.delete("stubborn");
        Eventually.until("the pod object is gone", Duration.ofSeconds(30), () -> {
            try {
                pods.get("stubborn");
                return false;
            } catch (ApiException.NotFoundException e) {
                return true;
            } catch (ApiException e) {
                return false;
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.toMillis() >= 2500, "waited for the grace period (3 s): " + took);
        assertTrue(took.toMillis() < 15000, "SIGKILL came after the grace period: " + took);
        assertEquals(List.of(), docker.list(Map.of(ContainerLabels.POD_UID, uid)), "no container left");
    }

    @Test
    void kubectlLogsAndLogsFollowReturnTheContainersOutputThroughTheApiServer() throws Exception {
        pods.create(pod("talker", NODE, "Never", List.of(container("main", "tugboat/busybox:1",
                "for i in 1 2 3; do echo line$i; sleep 1; done"))));
        waitFor("talker", "started", p -> status(p, "main").map(s -> s.containerID() != null).orElse(false));
        Path kubeconfig = cluster.writeKubeconfig(Files.createTempFile(root, "kubeconfig", ".yaml"));
        Path cache = Files.createTempDirectory(root, "kubectl-cache");
        String followed = kubectl(kubeconfig, cache, "logs", "-f", "talker");
        assertEquals("line1\nline2\nline3\n", followed, "logs -f streams until the container exits");
        assertEquals("line1\nline2\nline3\n", kubectl(kubeconfig, cache, "logs", "talker"));
        assertEquals("line3\n", kubectl(kubeconfig, cache, "logs", "--tail=1", "talker"));
    }

    static String kubectl(Path kubeconfig, Path cache, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--cache-dir", cache.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "kubectl " + String.join(" ", args) + ": " + out);
        return out;
    }

    static String log(String pod, String container, boolean follow) {
        try (InputStream in = pods.log(pod, container, follow, null, false)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }
}
