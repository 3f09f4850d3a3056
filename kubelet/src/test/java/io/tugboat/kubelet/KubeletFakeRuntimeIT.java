package io.tugboat.kubelet;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.ConfigMapEnvSource;
import io.tugboat.api.core.ConfigMapKeySelector;
import io.tugboat.api.core.ConfigMapVolumeSource;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.EmptyDirVolumeSource;
import io.tugboat.api.core.EnvFromSource;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.EnvVarSource;
import io.tugboat.api.core.HostPathVolumeSource;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.ObjectFieldSelector;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimSpec;
import io.tugboat.api.core.PersistentVolumeClaimStatus;
import io.tugboat.api.core.PersistentVolumeClaimVolumeSource;
import io.tugboat.api.core.PersistentVolumeSpec;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.ResourceRequirements;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.SecretKeySelector;
import io.tugboat.api.core.SecretVolumeSource;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Volume;
import io.tugboat.api.core.VolumeMount;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.ContainerConfig;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.FakeRuntime;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kubelet against a real API server with the {@link FakeRuntime}: node registration, lease, NotReady, and the
 * translation of pod specs into container configurations, fast and without Docker.
 */
class KubeletFakeRuntimeIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String NODE = "fake-" + UUID.randomUUID().toString().substring(0, 8);
    static TestCluster cluster;
    static ApiClient client;
    static FakeRuntime fake = new FakeRuntime();
    static Kubelet kubelet;
    static ResourceClient<Pod> pods;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        root = Files.createTempDirectory("kubelet-fake");
        KubeletConfig config = KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0).withRootDir(root)
                .withNode(Map.of("cpu", Quantity.parse("4"), "memory", Quantity.parse("8Gi"), "pods", Quantity.parse("110")),
                        Map.of("tier", "test"), List.of(new Taint("dedicated", "test", "NoSchedule", null)))
                .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(10))
                .withIntervals(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(2));
        kubelet = new Kubelet(config, client, fake).start();
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static <T> T waitFor(String what, Await.Read<T> read, Predicate<T> condition) throws InterruptedException {
        return Await.until(what, Duration.ofSeconds(30), read, condition);
    }

    static ContainerStatus app(Pod p) {
        return p.status() == null || p.status().containerStatuses() == null ? null : p.status().containerStatuses().get(0);
    }

    static String id(ContainerStatus s) {
        return s.containerID().substring("docker://".length());
    }

    @Test
    void theNodeIsRegisteredWithLabelsTaintsAddressesKubeletPortAndRuntimeVersionAndItsLeaseIsRenewed() throws Exception {
        Node node = client.resources(ResourceKinds.NODES).get(NODE);
        assertEquals(NODE, node.metadata().labels().get("kubernetes.io/hostname"));
        assertEquals("linux", node.metadata().labels().get("kubernetes.io/os"));
        assertEquals("test", node.metadata().labels().get("tier"));
        assertEquals("dedicated", node.spec().taints().get(0).key());
        assertEquals(Quantity.parse("4"), node.status().capacity().get("cpu"));
        assertEquals(Quantity.parse("8Gi"), node.status().allocatable().get("memory"));
        assertEquals("127.0.0.1", node.status().addresses().stream().filter(a -> a.type().equals("InternalIP")).findFirst().orElseThrow().address());
        assertEquals(kubelet.port(), node.status().daemonEndpoints().kubeletEndpoint().port());
        assertEquals("fake://1.0", node.status().nodeInfo().containerRuntimeVersion());

        ResourceClient<Lease> leases = client.resources(ResourceKinds.LEASES).inNamespace("kube-node-lease");
        Lease first = waitFor("the lease exists", () -> leases.get(NODE), l -> l.spec().renewTime() != null);
        assertEquals(NODE, first.spec().holderIdentity());
        assertEquals(40, first.spec().leaseDurationSeconds());
        waitFor("the lease is renewed", () -> leases.get(NODE), l -> l.spec().renewTime().isAfter(first.spec().renewTime()));
    }

    @Test
    void theNodeTurnsNotReadyWithAReasonWhileTheRuntimeIsDownAndReadyAgainAfter() throws Exception {
        ResourceClient<Node> nodes = client.resources(ResourceKinds.NODES);
        fake.setDown(true);
        try {
            Node down = waitFor("NotReady", () -> nodes.get(NODE), n -> n.status().conditions().stream()
                    .anyMatch(c -> c.type().equals("Ready") && c.status().equals("False")));
            var ready = down.status().conditions().stream().filter(c -> c.type().equals("Ready")).findFirst().orElseThrow();
            assertEquals("KubeletNotReady", ready.reason());
            assertTrue(ready.message().startsWith("container runtime is down"), ready.message());
        } finally {
            fake.setDown(false);
        }
        waitFor("Ready again", () -> nodes.get(NODE), n -> n.status().conditions().stream()
                .anyMatch(c -> c.type().equals("Ready") && c.status().equals("True") && c.reason().equals("KubeletReady")));
    }

    @Test
    void containersGetEnvironmentVolumesPortsAndLimitsFromTheSpec() throws Exception {
        ObjectMeta cmMeta = new ObjectMeta("settings", null, "default", null, null, null, null, null, null, null, null, null, null, null);
        client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default").create(ConfigMap.of(cmMeta, Map.of("color", "blue", "size", "L"), null, null));
        client.resources(ResourceKinds.SECRETS).inNamespace("default").create(Secret.of(cmMeta.withName("creds"),
                Map.of("password", Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8))), null, "Opaque", null));
        var c = PodSpecs.withPort(container("app", "tugboat/busybox:1", "echo $(GREETING)"), 8080, 18080)
                .withEnv(List.of(new EnvVar("GREETING", "hello", null),
                        new EnvVar("POD_NAME", null, new EnvVarSource(new ObjectFieldSelector(null, "metadata.name"), null, null, null)),
                        new EnvVar("NODE", null, new EnvVarSource(new ObjectFieldSelector(null, "spec.nodeName"), null, null, null)),
                        new EnvVar("COLOR", null, new EnvVarSource(null, null, new ConfigMapKeySelector("settings", "color", null), null)),
                        new EnvVar("PASSWORD", null, new EnvVarSource(null, null, null, new SecretKeySelector("creds", "password", null)))))
                .withEnvFrom(List.of(new EnvFromSource("CM_", new ConfigMapEnvSource("settings", null), null)))
                .withResources(new ResourceRequirements(Map.of("memory", Quantity.parse("64Mi"), "cpu", Quantity.parse("1")),
                        Map.of("cpu", Quantity.parse("500m"))))
                .withVolumeMounts(List.of(new VolumeMount("config", true, "/etc/config", null, null),
                        new VolumeMount("secret", null, "/etc/secret", null, null), new VolumeMount("scratch", null, "/scratch", null, null)));
        List<Volume> volumes = List.of(
                new Volume("config", null, null, null, null, new ConfigMapVolumeSource("settings", null, null, null)),
                new Volume("secret", null, null, new SecretVolumeSource("creds", null, null, null), null, null),
                new Volume("scratch", null, new EmptyDirVolumeSource(null, null), null, null, null));
        pods.create(pod("configured", NODE, "Always", List.of(c), volumes, 30L));
        Pod pod = waitFor("running", () -> pods.get("configured"), p -> "Running".equals(p.status().phase()));

        ContainerConfig config = fake.config(id(app(pod))).orElseThrow();
        assertTrue(config.env().containsAll(List.of("GREETING=hello", "POD_NAME=configured", "NODE=" + NODE, "COLOR=blue",
                "PASSWORD=s3cret", "CM_color=blue", "CM_size=L")), config.env().toString());
        assertEquals(List.of("echo hello"), config.cmd(), "$(VAR) references are expanded");
        assertEquals(64L << 20, config.memoryBytes());
        assertEquals(1_000_000_000L, config.nanoCpus());
        assertEquals(512, config.cpuShares());
        Path podDir = root.resolve("pods").resolve(pod.metadata().uid()).resolve("volumes");
        assertEquals("blue", Files.readString(podDir.resolve("config").resolve("color")));
        assertEquals("s3cret", Files.readString(podDir.resolve("secret").resolve("password")));
        assertTrue(config.binds().contains(podDir.resolve("config") + ":/etc/config:ro"), config.binds().toString());
        assertTrue(config.networkMode().startsWith("container:"));

        ContainerInfo sandbox = fake.all().stream().filter(i -> i.name().startsWith("k8s_POD_configured_")).findFirst().orElseThrow();
        assertEquals(List.of(new ContainerConfig.PortBinding(null, 18080, 8080, "TCP")), fake.config(sandbox.id()).orElseThrow().ports());
        assertEquals(sandbox.ipAddress(), pod.status().podIP());

        pods.delete("configured");
        waitFor("the pod is gone", () -> {
            try {
                pods.get("configured");
                return false;
            } catch (ApiException.NotFoundException e) {
                return true;
            }
        }, gone -> gone);
        assertTrue(!Files.exists(podDir), "the pod's directory goes with it");
    }

    @Test
    void anEnvironmentVariableReferringToThePodIPGetsTheSandboxsAddress() throws Exception {
        // a first start creates containers while the sandbox starts, before the pod has an address: not this one
        var c = container("app", "tugboat/busybox:1", "sleep 1000").withEnv(List.of(
                new EnvVar("POD_IP", null, new EnvVarSource(new ObjectFieldSelector(null, "status.podIP"), null, null, null))));
        pods.create(pod("addressed", NODE, "Always", List.of(c)));
        Pod pod = waitFor("running", () -> pods.get("addressed"), p -> "Running".equals(p.status().phase()));

        assertTrue(pod.status().podIP() != null && !pod.status().podIP().isEmpty(), "the pod has an address");
        List<String> env = fake.config(id(app(pod))).orElseThrow().env();
        assertTrue(env.contains("POD_IP=" + pod.status().podIP()), env.toString());
    }

    @Test
    void aSandboxThatFailsToStartLeavesNoContainerBehindAndThePodStartsOnceItCan() throws Exception {
        Predicate<ContainerInfo> ofPod = i -> i.name().contains("_stuck_default_");
        fake.failStarts("tugboat/pause:1");
        try {
            pods.create(pod("stuck", NODE, "Always", List.of(container("app", "tugboat/busybox:1", "sleep 1000"))));
            // attempt 0 is a first start (its app container is created while the sandbox starts); attempt 1 is not
            waitFor("a second sandbox attempt", fake::all, all -> all.stream().filter(ofPod)
                    .anyMatch(i -> i.name().startsWith("k8s_POD_") && ContainerLabels.attempt(i) >= 1));
            assertTrue(fake.all().stream().filter(ofPod).noneMatch(i -> i.name().startsWith("k8s_app_")),
                    "the container created for the sandbox that failed is removed with it: " + fake.all());
        } finally {
            fake.allowStarts("tugboat/pause:1");
        }
        Pod running = waitFor("running", () -> pods.get("stuck"), p -> "Running".equals(p.status().phase()));
        assertTrue(app(running).state().running() != null);
    }

    @Test
    void aCrashingContainerGoesIntoCrashLoopBackOffAndAFinishedPodUnderNeverSucceeds() throws Exception {
        pods.create(pod("crashy", NODE, "Always", List.of(container("app", "tugboat/busybox:1", "sleep 1000"))));
        Pod first = waitFor("running", () -> pods.get("crashy"), p -> app(p) != null && app(p).state().running() != null);
        fake.crash(id(app(first)));
        Pod second = waitFor("restarted", () -> pods.get("crashy"), p -> app(p).restartCount() == 1 && app(p).state().running() != null);
        fake.crash(id(app(second)));
        Pod backoff = waitFor("CrashLoopBackOff", () -> pods.get("crashy"), p -> app(p).state().waiting() != null
                && "CrashLoopBackOff".equals(app(p).state().waiting().reason()));
        assertEquals("Error", app(backoff).lastState().terminated().reason());
        waitFor("restarted after the backoff", () -> pods.get("crashy"), p -> app(p).restartCount() == 2 && app(p).state().running() != null);

        pods.create(pod("once", NODE, "Never", List.of(container("app", "tugboat/busybox:1", "true"))));
        Pod running = waitFor("running", () -> pods.get("once"), p -> app(p) != null && app(p).state().running() != null);
        fake.exit(id(app(running)), 0);
        Pod done = waitFor("Succeeded", () -> pods.get("once"), p -> "Succeeded".equals(p.status().phase()));
        assertEquals("Completed", app(done).state().terminated().reason());
        waitFor("its sandbox is stopped", fake::all, all -> all.stream().noneMatch(i -> i.name().startsWith("k8s_POD_once_") && i.running()));
    }

    @Test
    void theKubeletPortAnswersHealthzAndServesTheCurrentAndThePreviousAttemptsLog() throws Exception {
        pods.create(pod("chatty", NODE, "Always", List.of(container("app", "tugboat/busybox:1", "sleep 1000"))));
        Pod first = waitFor("running", () -> pods.get("chatty"), p -> app(p) != null && app(p).state().running() != null);
        fake.appendOutput(id(app(first)), "first attempt\n");
        fake.crash(id(app(first)));
        Pod second = waitFor("restarted", () -> pods.get("chatty"), p -> app(p).restartCount() == 1 && app(p).state().running() != null);
        fake.appendOutput(id(app(second)), "second attempt\n");

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + kubelet.port();
        assertEquals("ok", get(http, base + "/healthz"));
        assertEquals("second attempt\n", get(http, base + "/containerLogs/default/chatty/app"));
        assertEquals("first attempt\n", get(http, base + "/containerLogs/default/chatty/app?previous=true"));
        try (var in = pods.log("chatty", "app", false, null, true)) {
            assertEquals("first attempt\n", new String(in.readAllBytes(), StandardCharsets.UTF_8), "through the API server's proxy");
        }
    }

    static String get(java.net.http.HttpClient http, String url) throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void aFailedPullShowsErrImagePullThenImagePullBackOff() throws Exception {
        fake.removeImage("registry.example/missing:1");
        fake.failPulls("registry.example/missing:1");
        pods.create(pod("unpullable", NODE, "Always", List.of(container("app", "registry.example/missing:1"))));
        waitFor("ErrImagePull", () -> pods.get("unpullable"), p -> app(p) != null && app(p).state().waiting() != null
                && "ErrImagePull".equals(app(p).state().waiting().reason()));
        waitFor("ImagePullBackOff", () -> pods.get("unpullable"), p -> "ImagePullBackOff".equals(app(p).state().waiting().reason()));
    }

    @Test
    void aPodWithAnUnboundClaimWaitsWithAClearReasonThenMountsTheBoundVolumesHostPath() throws Exception {
        ResourceClient<PersistentVolumeClaim> claims = client.resources(ResourceKinds.PERSISTENT_VOLUME_CLAIMS).inNamespace("default");
        ObjectMeta meta = new ObjectMeta("data", null, "default", null, null, null, null, null, null, null, null, null, null, null);
        claims.create(PersistentVolumeClaim.of(meta, new PersistentVolumeClaimSpec(List.of("ReadWriteOnce"), null,
                new io.tugboat.api.core.VolumeResourceRequirements(null, Map.of("storage", Quantity.parse("1Gi"))), null, null, null), null));
        var c = PodSpecs.withMount(container("app", "tugboat/busybox:1", "sleep 1000"), "data", "/data");
        pods.create(pod("claimer", NODE, "Always", List.of(c), List.of(new Volume("data", null, null, null,
                new PersistentVolumeClaimVolumeSource("data", null), null)), 30L));
        Pod waiting = waitFor("waiting for the claim", () -> pods.get("claimer"), p -> app(p) != null && app(p).state().waiting() != null
                && app(p).state().waiting().message() != null && app(p).state().waiting().message().contains("not bound"));
        assertEquals("ContainerCreating", app(waiting).state().waiting().reason());

        Path hostPath = root.resolve("pv-data");
        client.resources(ResourceKinds.PERSISTENT_VOLUMES).create(PersistentVolume.of(meta.withNamespace(null).withName("pv-data"),
                new PersistentVolumeSpec(Map.of("storage", Quantity.parse("1Gi")), new HostPathVolumeSource(hostPath.toString(), null), null,
                        List.of("ReadWriteOnce"), null, null, null, null, null, null), null));
        PersistentVolumeClaim claim = claims.get("data");
        claim = claims.update(claim.withSpec(claim.spec().withVolumeName("pv-data")));
        claims.updateStatus(claim.withStatus(new PersistentVolumeClaimStatus("Bound", List.of("ReadWriteOnce"), null)));
        Pod running = waitFor("running once bound", () -> pods.get("claimer"), p -> app(p).state().running() != null);
        assertTrue(fake.config(id(app(running))).orElseThrow().binds().contains(hostPath + ":/data"));
    }
}
