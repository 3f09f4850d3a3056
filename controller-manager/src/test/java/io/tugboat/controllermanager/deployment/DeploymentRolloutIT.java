package io.tugboat.controllermanager.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentCondition;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.controllermanager.testing.ControllersOnACluster;
import io.tugboat.controllermanager.testing.Kubectl;
import io.tugboat.controllermanager.testing.PodCensus;
import io.tugboat.controllermanager.testing.RunningControllers;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Deployment and ReplicaSet controllers against a real API server and etcd, with a fake kubelet that binds pods
 * and makes them ready, and the real kubectl reading the result.
 */
class DeploymentRolloutIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static final String NEVER_READY = "tugboat/never-ready:1";

    static ControllersOnACluster world;
    static ApiClient client;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        world = ControllersOnACluster.start(etcd, NEVER_READY);
        client = world.client();
        Path dir = Files.createTempDirectory("deployment-it");
        kubectl = new Kubectl(world.cluster().writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("cache"));
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    static Deployment deployment(String name, int replicas, String image, String extraSpec) throws Exception {
        return Codec.fromYaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: default
                spec:
                  replicas: %2$d
                  %4$s
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
                        image: %3$s
                """.formatted(name, replicas, image, extraSpec), Deployment.class).value();
    }

    static ResourceClient<Deployment> deployments() {
        return client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default");
    }

    static List<Pod> livePods(String app) throws Exception {
        return client.resources(ResourceKinds.PODS).inNamespace("default").list(ListOptions.none().withLabelSelector("app=" + app))
                .items().stream().filter(p -> p.metadata().deletionTimestamp() == null).toList();
    }

    static List<ReplicaSet> replicaSets(String app) throws Exception {
        return client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default")
                .list(ListOptions.none().withLabelSelector("app=" + app)).items();
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(60), condition);
    }

    static void setImage(String name, String image) throws Exception {
        deployments().mergePatch(name, "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"" + image + "\"}]}}}}");
    }

    static Kubectl.Result rolloutStatus(String name) throws Exception {
        return kubectl.run("rollout", "status", "deployment/" + name, "--timeout=90s");
    }

    @Test
    void aRollingUpdateKeepsWithinSurgeAndAvailabilityAndKubectlSeesItThroughUndoAndRestart() throws Exception {
        deployments().create(deployment("web", 10, "tugboat/busybox:1", ""));
        Kubectl.Result first = rolloutStatus("web");
        assertEquals(0, first.exitCode(), first.output());

        try (PodCensus census = PodCensus.start(client, "default", "app=web")) {
            setImage("web", "tugboat/busybox:2");
            Kubectl.Result rolled = rolloutStatus("web");
            assertEquals(0, rolled.exitCode(), rolled.output());
            assertTrue(rolled.output().contains("deployment \"web\" successfully rolled out"), rolled.output());
            eventually("the watch has seen the ten new pods ready", () -> census.live().values().stream()
                    .filter(p -> p.spec().containers().get(0).image().equals("tugboat/busybox:2"))
                    .filter(io.tugboat.controllermanager.common.Pods::isReady).count() == 10);
            // Defaults 25%/25% of 10: at most 13 pods, at least 8 available, at every moment the watch showed.
            assertTrue(census.maxLive() <= 13, "at most replicas + maxSurge pods, saw " + census.maxLive());
            assertTrue(census.minAvailable() >= 8, "at least replicas - maxUnavailable available, saw " + census.minAvailable());
            assertEquals(10, census.added(), "each new pod created once");
        }
        assertEquals(2, replicaSets("web").size());
        assertEquals("2", deployments().get("web").metadata().annotations().get(Revisions.REVISION));

        Kubectl.Result undo = kubectl.run("rollout", "undo", "deployment/web");
        assertEquals(0, undo.exitCode(), undo.output());
        Kubectl.Result undone = rolloutStatus("web");
        assertEquals(0, undone.exitCode(), undone.output());
        Deployment back = deployments().get("web");
        assertEquals("tugboat/busybox:1", back.spec().template().spec().containers().get(0).image());
        List<ReplicaSet> sets = replicaSets("web");
        assertEquals(2, sets.size(), () -> "the first ReplicaSet is reused, not recreated: " + sets.stream()
                .map(rs -> Codec.toJsonString(rs.spec().template())).toList() + " vs " + Codec.toJsonString(back.spec().template()));
        ReplicaSet active = sets.stream().filter(rs -> rs.spec().replicas() == 10).findFirst().orElseThrow();
        assertEquals("tugboat/busybox:1", active.spec().template().spec().containers().get(0).image());
        assertEquals("3", active.metadata().annotations().get(Revisions.REVISION));
        assertEquals("1", active.metadata().annotations().get(Revisions.REVISION_HISTORY));
        eventually("ten pods of the first template", () -> pods("web", "tugboat/busybox:1") == 10);

        Kubectl.Result restart = kubectl.run("rollout", "restart", "deployment/web");
        assertEquals(0, restart.exitCode(), restart.output());
        Kubectl.Result restarted = rolloutStatus("web");
        assertEquals(0, restarted.exitCode(), restarted.output());
        assertEquals(3, replicaSets("web").size(), "a restart is a new template, so a new ReplicaSet");
        Deployment done = deployments().get("web");
        assertEquals(10, done.status().updatedReplicas());
        assertEquals(10, done.status().availableReplicas());
        assertEquals(DeploymentConditions.NEW_RS_AVAILABLE, condition(done, DeploymentConditions.PROGRESSING).reason());
        assertEquals(DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE, condition(done, DeploymentConditions.AVAILABLE).reason());
    }

    @Test
    void aRolloutWhosePodsNeverBecomeReadyExceedsItsProgressDeadline() throws Exception {
        deployments().create(deployment("stuck", 2, "tugboat/busybox:1", "progressDeadlineSeconds: 3"));
        assertEquals(0, rolloutStatus("stuck").exitCode());
        setImage("stuck", NEVER_READY);
        eventually("Progressing=False ProgressDeadlineExceeded", () -> {
            DeploymentCondition c = condition(get("stuck"), DeploymentConditions.PROGRESSING);
            return c != null && DeploymentConditions.TIMED_OUT.equals(c.reason()) && "False".equals(c.status());
        });
        Kubectl.Result status = rolloutStatus("stuck");
        assertEquals(1, status.exitCode(), status.output());
        assertTrue(status.output().contains("exceeded its progress deadline"), status.output());
        assertEquals(2, pods("stuck", "tugboat/busybox:1"), "the old pods keep serving: maxUnavailable 25% of 2 is 0");
    }

    @Test
    void restartingTheControllersInSteadyStateCreatesDeletesAndWritesNothing() throws Exception {
        deployments().create(deployment("steady", 5, "tugboat/busybox:1", ""));
        assertEquals(0, rolloutStatus("steady").exitCode());
        eventually("the ReplicaSet's status settled", () -> settled("steady"));
        List<String> before = versions("steady");
        try (PodCensus census = PodCensus.start(client, "default", "app=steady")) {
            restartControllers();
            assertEquals(0, census.added(), "no pod created");
            assertEquals(0, census.deleted(), "no pod deleted");
        }
        assertEquals(before, versions("steady"), "the Deployment and its ReplicaSet were not even rewritten");
    }

    @Test
    void restartingTheControllersDuringAScaleUpFromZeroEndsWithExactlyOneHundredPods() throws Exception {
        deployments().create(deployment("big", 0, "tugboat/busybox:1", ""));
        eventually("the empty ReplicaSet exists", () -> {
            try {
                return replicaSets("big").size() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (PodCensus census = PodCensus.start(client, "default", "app=big")) {
            deployments().scale("big", 100);
            eventually("the scale-up is under way", () -> census.added() >= 10);
            restartControllers();
            eventually("100 pods available", () -> {
                Deployment d = get("big");
                return d.status() != null && d.status().availableReplicas() != null && d.status().availableReplicas() == 100
                        && d.status().updatedReplicas() == 100;
            });
            assertEquals(100, census.added(), "every pod created once, across the restart");
            assertEquals(0, census.deleted(), "no surplus pod to delete");
            assertEquals(100, census.maxLive());
        }
        assertEquals(100, livePods("big").size());
    }

    /** Stops the controllers and starts new ones, and waits until they have reconciled every object once. */
    static void restartControllers() throws Exception {
        int rsCount = client.resources(ResourceKinds.REPLICA_SETS).list(ListOptions.none()).items().size();
        int dCount = client.resources(ResourceKinds.DEPLOYMENTS).list(ListOptions.none()).items().size();
        RunningControllers controllers = world.restartControllers();
        // At start every key is queued once; nothing else changes, so this many reconciles covers every key.
        eventually("every ReplicaSet and Deployment reconciled", () -> controllers.replicaSetReconciles() >= rsCount
                && controllers.deploymentReconciles() >= dCount);
    }

    static boolean settled(String app) {
        try {
            ReplicaSet rs = replicaSets(app).get(0);
            return rs.status() != null && rs.status().availableReplicas() != null
                    && rs.status().availableReplicas().equals(rs.spec().replicas())
                    && rs.metadata().generation().equals(rs.status().observedGeneration());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> versions(String app) throws Exception {
        List<String> versions = new java.util.ArrayList<>();
        versions.add(deployments().get(app).metadata().resourceVersion());
        for (ReplicaSet rs : replicaSets(app)) {
            versions.add(rs.metadata().name() + "@" + rs.metadata().resourceVersion());
        }
        return versions;
    }

    static long pods(String app, String image) {
        try {
            return livePods(app).stream().filter(p -> p.spec().containers().get(0).image().equals(image)).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Deployment get(String name) {
        try {
            return deployments().get(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static DeploymentCondition condition(Deployment d, String type) {
        return DeploymentConditions.get(d.status(), type);
    }
}
