package io.tugboat.controllermanager.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ListOptions;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.controllermanager.common.Pods;
import io.tugboat.controllermanager.history.ControllerHistory;
import io.tugboat.controllermanager.testing.Kubectl;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DaemonSet controller against a real API server, with the test's {@link PinnedKubelet} binding pods where their
 * affinity says and the real kubectl reading the rollout. Each test uses its own namespace label so the DaemonSets
 * of one test do not count the nodes of another: every test's nodes carry {@code suite=<test>}.
 */
class DaemonSetIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static TestCluster cluster;
    static ApiClient client;
    static SharedInformerFactory informers;
    static EventRecorder events;
    static ControllerRunner controller;
    static PinnedKubelet kubelet;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        events = EventRecorder.builder(client, DaemonSetController.NAME).drainTimeout(Duration.ofSeconds(1)).build();
        controller = DaemonSetController.newRunner(client, informers, events, Clock.systemUTC(), 2);
        informers.start();
        controller.start();
        kubelet = PinnedKubelet.start(client);
        Path dir = Files.createTempDirectory("daemonset-it");
        kubectl = new Kubectl(cluster.writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("cache"));
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (controller != null) {
            controller.stop();
        }
        if (informers != null) {
            informers.stop();
        }
        if (events != null) {
            events.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void runsOnePodPerEligibleNodeFollowsNodesComingAndGoingAndRollsOutANewImage() throws Exception {
        createNode("grow-1", "grow");
        createNode("grow-2", "grow");
        createDaemonSet("grow", "RollingUpdate", "tugboat/busybox:1");

        eventually("one running pod on each of grow-1 and grow-2", () -> nodesOf("grow").equals(Map.of(
                "grow-1", 1L, "grow-2", 1L)));
        eventually("the status counts 2 desired, 2 available, 2 updated", () -> statusIs("grow", 2, 2, 2));

        createNode("grow-3", "grow");
        eventually("a third node gets its pod", () -> nodesOf("grow").equals(Map.of(
                "grow-1", 1L, "grow-2", 1L, "grow-3", 1L)));

        taint("grow-3", "NoExecute");
        eventually("a NoExecute taint the daemon does not tolerate removes its pod",
                () -> nodesOf("grow").equals(Map.of("grow-1", 1L, "grow-2", 1L)));

        client.resources(ResourceKinds.NODES).delete("grow-2", null);
        eventually("a deleted node's pod is deleted with it", () -> nodesOf("grow").equals(Map.of("grow-1", 1L)));
        eventually("the status counts the one node left", () -> statusIs("grow", 1, 1, 1));

        Kubectl.Result done = kubectl.run("rollout", "status", "daemonset/grow", "-n", "default", "--timeout=60s");
        assertEquals(0, done.exitCode(), done.output());
        assertTrue(done.output().contains("successfully rolled out"), done.output());
    }

    @Test
    void aRollingUpdateReplacesEveryPodRecordsRevisionsAndKubectlCanUndoIt() throws Exception {
        for (int i = 1; i <= 3; i++) {
            createNode("roll-" + i, "roll");
        }
        createDaemonSet("roll", "RollingUpdate", "tugboat/busybox:1");
        eventually("three pods available", () -> statusIs("roll", 3, 3, 3));
        String firstHash = hashes("roll").iterator().next();

        setImage("roll", "tugboat/busybox:2");
        Kubectl.Result status = kubectl.run("rollout", "status", "daemonset/roll", "-n", "default", "--timeout=90s");
        assertEquals(0, status.exitCode(), status.output());
        eventually("every pod replaced, one per node", () -> nodesOf("roll").size() == 3 && hashes("roll").size() == 1
                && !hashes("roll").contains(firstHash));
        assertTrue(livePods("roll").stream().allMatch(p -> "tugboat/busybox:2".equals(p.spec().containers().get(0).image())));

        List<ControllerRevision> revisions = revisions("roll");
        assertEquals(List.of(1L, 2L), revisions.stream().map(ControllerRevision::revision).sorted().toList());

        Kubectl.Result history = kubectl.run("rollout", "history", "daemonset/roll", "-n", "default");
        assertEquals(0, history.exitCode(), history.output());
        assertTrue(history.output().contains("1 ") && history.output().contains("2 "), history.output());

        Kubectl.Result undo = kubectl.run("rollout", "undo", "daemonset/roll", "-n", "default");
        assertEquals(0, undo.exitCode(), undo.output());
        eventually("back on the first template, under its first hash", () -> nodesOf("roll").size() == 3
                && hashes("roll").equals(Set.of(firstHash))
                && livePods("roll").stream().allMatch(p -> "tugboat/busybox:1".equals(p.spec().containers().get(0).image())));
        eventually("the first revision renumbered 3, no new revision", () -> revisions("roll").stream()
                .filter(r -> firstHash.equals(ControllerHistory.hashOf(r))).anyMatch(r -> r.revision() == 3L)
                && revisions("roll").size() == 2);
        Kubectl.Result again = kubectl.run("rollout", "status", "daemonset/roll", "-n", "default", "--timeout=90s");
        assertEquals(0, again.exitCode(), again.output());
    }

    @Test
    void onDeleteLeavesOldPodsUntilTheUserDeletesThem() throws Exception {
        createNode("ondel-1", "ondel");
        createNode("ondel-2", "ondel");
        createDaemonSet("ondel", "OnDelete", "tugboat/busybox:1");
        eventually("two pods available", () -> statusIs("ondel", 2, 2, 2));
        String oldHash = hashes("ondel").iterator().next();

        DaemonSet updated = setImage("ondel", "tugboat/busybox:2");
        eventually("the new template observed and recorded", () -> {
            DaemonSet ds = get("ondel");
            return ds.status().observedGeneration() >= updated.metadata().generation() && revisions("ondel").size() == 2;
        });
        assertEquals(Set.of(oldHash), hashes("ondel"), "OnDelete touches no running pod");
        assertEquals(0, get("ondel").status().updatedNumberScheduled());

        Pod victim = livePods("ondel").get(0);
        client.resources(ResourceKinds.PODS).inNamespace("default").delete(victim.metadata().name(), null);
        eventually("the replacement comes from the new template", () -> nodesOf("ondel").size() == 2
                && hashes("ondel").size() == 2 && statusIs("ondel", 2, 2, 1));
    }

    // --- helpers ---

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(90), condition);
    }

    static void createNode(String name, String suite) throws Exception {
        client.resources(ResourceKinds.NODES).create(Codec.fromYaml("""
                apiVersion: v1
                kind: Node
                metadata: {name: %s, labels: {suite: %s}}
                status: {conditions: [{type: Ready, status: "True"}]}
                """.formatted(name, suite), Node.class).value());
    }

    static void taint(String node, String effect) throws Exception {
        client.resources(ResourceKinds.NODES).mergePatch(node,
                "{\"spec\":{\"taints\":[{\"key\":\"dedicated\",\"value\":\"x\",\"effect\":\"" + effect + "\"}]}}");
    }

    static void createDaemonSet(String name, String strategy, String image) throws Exception {
        client.resources(ResourceKinds.DAEMON_SETS).inNamespace("default").create(Codec.fromYaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: %1$s}
                spec:
                  selector: {matchLabels: {app: %1$s}}
                  updateStrategy: {type: %2$s}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      nodeSelector: {suite: %1$s}
                      containers: [{name: main, image: "%3$s"}]
                """.formatted(name, strategy, image), DaemonSet.class).value());
    }

    static DaemonSet setImage(String name, String image) throws Exception {
        return client.resources(ResourceKinds.DAEMON_SETS).inNamespace("default").mergePatch(name,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"" + image + "\"}]}}}}");
    }

    static DaemonSet get(String name) {
        try {
            return client.resources(ResourceKinds.DAEMON_SETS).inNamespace("default").get(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean statusIs(String name, int desired, int available, int updated) {
        DaemonSet ds = get(name);
        return ds.status() != null && ds.status().desiredNumberScheduled() == desired
                && ds.status().numberAvailable() == available && ds.status().updatedNumberScheduled() == updated
                && ds.status().currentNumberScheduled() == desired && ds.status().numberMisscheduled() == 0;
    }

    static List<Pod> livePods(String app) {
        try {
            return client.resources(ResourceKinds.PODS).inNamespace("default")
                    .list(ListOptions.none().withLabelSelector("app=" + app)).items().stream()
                    .filter(Pods::isActive).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Running pods per node. */
    static Map<String, Long> nodesOf(String app) {
        List<Pod> live = livePods(app);
        if (live.stream().anyMatch(p -> p.spec().nodeName() == null || !Pods.isReady(p))) {
            return Map.of("<not all running>", 0L);
        }
        return live.stream().collect(Collectors.groupingBy(p -> p.spec().nodeName(), Collectors.counting()));
    }

    static Set<String> hashes(String app) {
        return livePods(app).stream().map(p -> p.metadata().labels().get(ControllerHistory.HASH_LABEL))
                .collect(Collectors.toSet());
    }

    static List<ControllerRevision> revisions(String app) {
        try {
            return client.resources(ResourceKinds.CONTROLLER_REVISIONS).inNamespace("default")
                    .list(ListOptions.none().withLabelSelector("app=" + app)).items();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
