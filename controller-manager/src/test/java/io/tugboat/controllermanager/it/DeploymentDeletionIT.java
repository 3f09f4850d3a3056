package io.tugboat.controllermanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.testing.ControllersOnACluster;
import io.tugboat.controllermanager.testing.Kubectl;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting a Deployment, the three ways Kubernetes offers, with the Deployment, ReplicaSet and garbage collector
 * controllers and a fake kubelet on a real API server and etcd. Each Deployment is first rolled once, so it owns two
 * ReplicaSets (the old one scaled to 0) and its pods hang one level further down:
 *
 * <pre>
 *   Deployment ──owns──▶ ReplicaSet (new, 3 pods) ──owns──▶ Pod ×3
 *              └─owns──▶ ReplicaSet (old, 0 pods)
 * </pre>
 *
 * <ul>
 *   <li>background (the API's default for Deployments, and kubectl's {@code --cascade=background}): the Deployment
 *       goes at once, the collector then deletes the ReplicaSets, then their pods;</li>
 *   <li>foreground: the Deployment stays, with the {@code foregroundDeletion} finalizer, until every ReplicaSet and
 *       pod below it is gone, so {@code kubectl delete --cascade=foreground} returns only then;</li>
 *   <li>orphan ({@code kubectl delete --cascade=orphan}): the collector strips the Deployment from the ReplicaSets'
 *       ownerReferences, then the Deployment goes; ReplicaSets and pods stay and keep running.</li>
 * </ul>
 */
class DeploymentDeletionIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static ControllersOnACluster world;
    static ControllerManager garbageCollector;
    static ApiClient client;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        world = ControllersOnACluster.start(etcd);
        client = world.client();
        garbageCollector = ItSupport.startControllers(world.cluster(), ControllerManagerOptions.defaults(),
                "garbage-collector-controller");
        Path dir = Files.createTempDirectory("deployment-deletion-it");
        kubectl = new Kubectl(world.cluster().writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("cache"));
    }

    @AfterAll
    static void stop() {
        if (garbageCollector != null) {
            garbageCollector.stop();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aBackgroundDeleteThroughTheApiRemovesTheReplicaSetsAndThenThePods() throws Exception {
        rolledDeployment("bg");

        deployments().delete("bg");

        eventually("the ReplicaSets and pods of the deleted Deployment are deleted",
                () -> replicaSets("bg").isEmpty() && pods("bg").isEmpty());
        assertTrue(ItSupport.find(client, ResourceKinds.DEPLOYMENTS, "default", "bg").isEmpty());
    }

    @Test
    void kubectlDeleteCascadesInTheBackgroundByDefault() throws Exception {
        rolledDeployment("kbg");

        Kubectl.Result deleted = kubectl.run("delete", "deployment", "kbg");
        assertEquals(0, deleted.exitCode(), deleted.output());
        assertTrue(deleted.output().contains("deployment.apps \"kbg\" deleted"), deleted.output());

        eventually("the ReplicaSets and pods go after the Deployment",
                () -> replicaSets("kbg").isEmpty() && pods("kbg").isEmpty());
    }

    @Test
    void aForegroundDeleteKeepsTheDeploymentUntilItsReplicaSetsAndPodsAreGone() throws Exception {
        rolledDeployment("fg");

        // kubectl waits until the Deployment itself is gone; in the foreground that is after everything below it.
        Kubectl.Result deleted = kubectl.run("delete", "deployment", "fg", "--cascade=foreground", "--timeout=90s");
        assertEquals(0, deleted.exitCode(), deleted.output());

        assertEquals(List.of(), replicaSets("fg"), "no ReplicaSet outlives a foreground-deleted Deployment");
        assertEquals(List.of(), pods("fg"), "no pod outlives a foreground-deleted Deployment");
    }

    @Test
    void aForegroundDeleteThroughTheApiMarksTheDeploymentAndWaits() throws Exception {
        rolledDeployment("afg");

        deployments().delete("afg", new DeleteOptions(null, null, null, null, null, "Foreground", null));

        eventually("the Deployment, its ReplicaSets and its pods are all gone",
                () -> ItSupport.find(client, ResourceKinds.DEPLOYMENTS, "default", "afg").isEmpty()
                        && replicaSets("afg").isEmpty() && pods("afg").isEmpty());
    }

    @Test
    void kubectlDeleteWithCascadeOrphanLeavesTheReplicaSetsAndPodsWithoutTheDeploymentAsOwner() throws Exception {
        Set<String> podUids = rolledDeployment("orph");
        Set<String> replicaSetUids = replicaSets("orph").stream().map(rs -> rs.metadata().uid()).collect(Collectors.toSet());

        // kubectl waits until the Deployment is gone, which the orphan finalizer holds until the collector is done.
        Kubectl.Result deleted = kubectl.run("delete", "deploy", "orph", "--cascade=orphan", "--timeout=90s");
        assertEquals(0, deleted.exitCode(), deleted.output());

        assertTrue(ItSupport.find(client, ResourceKinds.DEPLOYMENTS, "default", "orph").isEmpty());
        List<ReplicaSet> left = replicaSets("orph");
        assertEquals(replicaSetUids, left.stream().map(rs -> rs.metadata().uid()).collect(Collectors.toSet()),
                "both ReplicaSets stay");
        for (ReplicaSet rs : left) {
            List<OwnerReference> owners = rs.metadata().ownerReferences();
            assertTrue(owners == null || owners.isEmpty(), () -> rs.metadata().name() + " still owned: " + owners);
        }
        List<Pod> pods = pods("orph");
        assertEquals(podUids, pods.stream().map(p -> p.metadata().uid()).collect(Collectors.toSet()),
                "the same three pods stay, none deleted or replaced");
        ReplicaSet active = left.stream().filter(rs -> rs.spec().replicas() == 3).findFirst().orElseThrow();
        for (Pod pod : pods) {
            assertEquals(List.of(active.metadata().uid()), pod.metadata().ownerReferences().stream().map(OwnerReference::uid)
                    .toList(), "a pod is still owned by its ReplicaSet, which still exists");
        }

        // The orphans are ordinary objects now: the ReplicaSet still keeps its pods, and deleting it cascades.
        client.resources(ResourceKinds.PODS).inNamespace("default").delete(pods.get(0).metadata().name());
        eventually("the orphaned ReplicaSet replaces a deleted pod", () -> pods("orph").size() == 3
                && !pods("orph").stream().map(p -> p.metadata().uid()).collect(Collectors.toSet()).equals(podUids));
        client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default").delete(active.metadata().name());
        eventually("deleting the orphaned ReplicaSet deletes its pods", () -> pods("orph").isEmpty());
    }

    /**
     * Creates Deployment {@code name} with 3 replicas, rolls it to a second image and waits until the rollout is
     * done (two ReplicaSets, three ready pods of the new one). Returns the uids of those pods.
     */
    static Set<String> rolledDeployment(String name) throws Exception {
        deployments().create(deployment(name, "tugboat/busybox:1"));
        // The first revision must exist before the second, or the controller only ever sees the second.
        Kubectl.Result first = kubectl.run("rollout", "status", "deployment/" + name, "--timeout=90s");
        assertEquals(0, first.exitCode(), first.output());
        deployments().mergePatch(name,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"tugboat/busybox:2\"}]}}}}");
        Kubectl.Result rolled = kubectl.run("rollout", "status", "deployment/" + name, "--timeout=90s");
        assertEquals(0, rolled.exitCode(), rolled.output());
        try {
            eventually("two ReplicaSets, three pods of the new template", () -> replicaSets(name).size() == 2
                    && pods(name).size() == 3 && pods(name).stream()
                    .allMatch(p -> p.spec().containers().get(0).image().equals("tugboat/busybox:2")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; ReplicaSets " + replicaSets(name).stream()
                    .map(rs -> rs.metadata().name() + "=" + rs.spec().replicas()).toList() + ", pods " + pods(name).stream()
                    .map(p -> p.metadata().name() + "(" + p.spec().containers().get(0).image() + ", deleting="
                            + (p.metadata().deletionTimestamp() != null) + ", finalizers=" + p.metadata().finalizers() + ")")
                    .toList(), e);
        }
        return pods(name).stream().map(p -> p.metadata().uid()).collect(Collectors.toSet());
    }

    static Deployment deployment(String name, String image) throws Exception {
        return Codec.fromYaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: default
                spec:
                  replicas: 3
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
                        image: %2$s
                """.formatted(name, image), Deployment.class).value();
    }

    static ResourceClient<Deployment> deployments() {
        return client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default");
    }

    static List<ReplicaSet> replicaSets(String app) {
        try {
            return client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default")
                    .list(ListOptions.none().withLabelSelector("app=" + app)).items();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every pod of {@code app}, including those being deleted: "gone" means gone. */
    static List<Pod> pods(String app) {
        try {
            return client.resources(ResourceKinds.PODS).inNamespace("default")
                    .list(ListOptions.none().withLabelSelector("app=" + app)).items();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(60), condition);
    }
}
