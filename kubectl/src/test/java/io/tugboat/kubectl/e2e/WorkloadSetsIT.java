package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.client.ApiClient;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * DaemonSets and StatefulSets on a real {@code tug up} cluster with real Docker, checked with the real kubectl:
 * the example DaemonSet runs one pod per node, a third node joining gets one, and {@code kubectl rollout status}
 * follows an image change to the end; a StatefulSet's pods start in order (each Ready before the next is created,
 * as a watch sees it) and {@code kubectl rollout status sts/...} reports the rollout complete; the example
 * StatefulSet's claims bind to its hostPath volumes, and a replaced pod finds its file again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkloadSetsIT {
    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: ordered
            spec:
              replicas: 3
              serviceName: ordered
              selector:
                matchLabels: {app: ordered}
              template:
                metadata:
                  labels: {app: ordered}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: tugboat/busybox:1
                    command: ["sh", "-c", "echo I am $(hostname); exec sleep 3600"]
            """;

    static UpCluster cluster;
    static CommandRunner run;

    @BeforeAll
    static void up() {
        cluster = UpCluster.start("sets", 2);
        run = cluster.runner();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theExampleDaemonSetRunsOnEveryNodeIncludingANewOneAndRollsOutANewImage() throws Exception {
        Path example = Path.of("..", "deploy", "examples", "daemonset.yaml");
        assertTrue(Files.exists(example), example.toAbsolutePath().toString());
        CommandRunner.Result applied = run.tug("apply", "-f", example.toString());
        assertEquals(0, applied.code(), applied::toString);
        rolloutStatus("ds/node-logger");
        eventually("one running pod on each of the two nodes", () -> runningNodes().equals(
                Map.of(cluster.nodeName(1), 1L, cluster.nodeName(2), 1L)));

        cluster.withNodes(3);
        eventually("the third node gets its pod", () -> runningNodes().equals(
                Map.of(cluster.nodeName(1), 1L, cluster.nodeName(2), 1L, cluster.nodeName(3), 1L)));

        CommandRunner.Result set = run.kubectl("set", "image", "ds/node-logger", "logger=alpine:3.17");
        assertEquals(0, set.code(), set::toString);
        rolloutStatus("ds/node-logger");
        CommandRunner.Result images = run.kubectl("get", "pods", "-l", "app=node-logger", "-o",
                "jsonpath={range .items[*]}{.spec.containers[0].image}{\"\\n\"}{end}");
        assertEquals(List.of("alpine:3.17", "alpine:3.17", "alpine:3.17"),
                Arrays.stream(images.out().strip().split("\n")).map(String::strip).toList(), images::toString);
        CommandRunner.Result history = run.kubectl("rollout", "history", "ds/node-logger");
        assertEquals(0, history.code(), history::toString);
        assertTrue(history.out().contains("2 "), history::toString);
    }

    @Test
    @Order(2)
    void aStatefulSetStartsItsPodsInOrderAndKubectlSeesTheRolloutComplete() throws Exception {
        // One sequence for the whole watch stream: the API server's order of events.
        AtomicLong sequence = new AtomicLong();
        Map<String, Long> addedAt = new ConcurrentHashMap<>();
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        ApiClient client = ApiClient.fromKubeconfig(cluster.kubeconfig().toString(), null).build();
        SharedInformerFactory informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        SharedInformer<Pod> pods = informers.informerFor(ResourceKinds.PODS);
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                seen(pod);
            }

            private void seen(Pod pod) {
                long now = sequence.incrementAndGet();
                addedAt.putIfAbsent(pod.metadata().name(), now);
                if (ready(pod)) {
                    readyAt.putIfAbsent(pod.metadata().name(), now);
                }
            }
        });
        informers.start();
        try {
            Eventually.until("the watch is up", Duration.ofSeconds(60), pods::hasSynced);
            CommandRunner.Result applied = run.tugWithInput(STATEFUL_SET, "apply", "-f", "-");
            assertEquals(0, applied.code(), applied::toString);
            rolloutStatus("sts/ordered");
            eventually("all three seen ready", () -> readyAt.keySet().containsAll(Set.of("ordered-0", "ordered-1", "ordered-2")));
            for (int i = 1; i < 3; i++) {
                String earlier = "ordered-" + (i - 1);
                String later = "ordered-" + i;
                assertTrue(readyAt.get(earlier) < addedAt.get(later),
                        later + " was created (event " + addedAt.get(later) + ") before " + earlier + " was ready (event "
                                + readyAt.get(earlier) + ")");
            }
            CommandRunner.Result hostname = run.kubectl("logs", "ordered-2");
            assertEquals(0, hostname.code(), hostname::toString);
            assertEquals("I am ordered-2", hostname.out().strip(), "the pod's hostname is its stable name");
        } finally {
            informers.stop();
        }
    }

    @Test
    @Order(3)
    void theExampleStatefulSetGetsItsVolumeBackWhenAPodIsReplaced() throws Exception {
        Path example = Path.of("..", "deploy", "examples", "statefulset.yaml");
        CommandRunner.Result applied = run.tug("apply", "-f", example.toString());
        assertEquals(0, applied.code(), applied::toString);
        rolloutStatus("sts/counter");
        CommandRunner.Result claims = run.kubectl("get", "pvc", "data-counter-0", "data-counter-1", "-o",
                "jsonpath={range .items[*]}{.status.phase}{\" \"}{end}");
        assertEquals("Bound Bound", claims.out().strip(), claims::toString);

        int before = starts("counter-1");
        String uid = run.kubectl("get", "pod", "counter-1", "-o", "jsonpath={.metadata.uid}").out().strip();
        CommandRunner.Result deleted = run.kubectl("delete", "pod", "counter-1");
        assertEquals(0, deleted.code(), deleted::toString);
        eventually("counter-1 back, running", () -> {
            CommandRunner.Result now = run.kubectl("get", "pod", "counter-1", "-o",
                    "jsonpath={.metadata.uid} {.status.phase}");
            return now.code() == 0 && !now.out().startsWith(uid) && now.out().strip().endsWith("Running");
        });
        eventually("the new counter-1 logged its start", () -> starts("counter-1") > 0);
        assertEquals(before + 1, starts("counter-1"), "the replacement appended to the same file");
    }

    @Test
    @Order(4)
    void aStatefulSetOfTheHostPathClassGetsProvisionedVolumesThatOutliveItsPods() throws Exception {
        CommandRunner.Result storageClass = run.tug("apply", "-f",
                Path.of("..", "deploy", "examples", "storageclass.yaml").toString());
        assertEquals(0, storageClass.code(), storageClass::toString);
        CommandRunner.Result applied = run.tugWithInput("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: prov}
                spec:
                  replicas: 2
                  serviceName: prov
                  selector: {matchLabels: {app: prov}}
                  template:
                    metadata: {labels: {app: prov}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: main
                        image: tugboat/busybox:1
                        command: ["sh", "-c", "echo start >> /data/starts; echo \\"$(hostname) started $(wc -l < /data/starts) time(s)\\"; exec sleep 100000"]
                        volumeMounts: [{name: data, mountPath: /data}]
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec:
                      accessModes: [ReadWriteOnce]
                      storageClassName: host-path
                      resources: {requests: {storage: 16Mi}}
                """, "apply", "-f", "-");
        assertEquals(0, applied.code(), applied::toString);
        rolloutStatus("sts/prov");
        assertEquals(1, starts("prov-1"), "a fresh provisioned volume");
        CommandRunner.Result pv = run.kubectl("get", "pvc", "data-prov-1", "-o", "jsonpath={.spec.volumeName}");
        assertTrue(pv.out().startsWith("pvc-"), pv::toString);

        String uid = run.kubectl("get", "pod", "prov-1", "-o", "jsonpath={.metadata.uid}").out().strip();
        assertEquals(0, run.kubectl("delete", "pod", "prov-1").code());
        eventually("prov-1 back, running", () -> {
            CommandRunner.Result now = run.kubectl("get", "pod", "prov-1", "-o", "jsonpath={.metadata.uid} {.status.phase}");
            return now.code() == 0 && !now.out().startsWith(uid) && now.out().strip().endsWith("Running");
        });
        eventually("the new prov-1 logged its start", () -> starts("prov-1") > 0);
        assertEquals(2, starts("prov-1"), "the replacement appended to the same provisioned volume");
    }

    @Test
    @Order(5)
    void statefulSetRolloutsGoBackAndForthWithKubectlAndTug() throws Exception {
        ok(run.kubectl("set", "image", "sts/ordered", "main=alpine:3.17"));
        rolloutStatus("sts/ordered");
        assertEquals(List.of("alpine:3.17"), images("app=ordered"));

        CommandRunner.Result history = ok(run.kubectl("rollout", "history", "sts/ordered"));
        assertTrue(history.out().contains("REVISION") && history.out().lines().anyMatch(l -> l.startsWith("1 "))
                && history.out().lines().anyMatch(l -> l.startsWith("2 ")), history::toString);
        CommandRunner.Result first = ok(run.kubectl("rollout", "history", "sts/ordered", "--revision=1"));
        assertTrue(first.out().contains("tugboat/busybox:1"), first::toString);
        CommandRunner.Result undone = ok(run.kubectl("rollout", "undo", "sts/ordered"));
        assertTrue(undone.out().contains("statefulset.apps/ordered rolled back"), undone::toString);
        rolloutStatus("sts/ordered");
        assertEquals(List.of("tugboat/busybox:1"), images("app=ordered"), "kubectl rollout undo went back");

        // tug reads the same ControllerRevisions: the old template became revision 3, as Kubernetes renumbers it
        CommandRunner.Result tugHistory = ok(run.tug("rollout", "history", "sts/ordered"));
        assertEquals(List.of("2", "3"), revisions(tugHistory), tugHistory::toString);
        CommandRunner.Result tugRevision = ok(run.tug("rollout", "history", "sts/ordered", "--revision=2"));
        assertTrue(tugRevision.out().contains("alpine:3.17"), tugRevision::toString);
        CommandRunner.Result tugUndo = ok(run.tug("rollout", "undo", "sts/ordered", "--to-revision=2"));
        assertTrue(tugUndo.out().contains("statefulset.apps/ordered rolled back"), tugUndo::toString);
        tugRolloutStatus("sts/ordered");
        assertEquals(List.of("alpine:3.17"), images("app=ordered"), "tug rollout undo --to-revision=2");
        CommandRunner.Result skipped = ok(run.tug("rollout", "undo", "sts/ordered", "--to-revision=4"));
        assertTrue(skipped.out().contains("skipped rollback"), skipped::toString);

        String before = ok(run.kubectl("get", "pod", "ordered-0", "-o", "jsonpath={.metadata.uid}")).out().strip();
        ok(run.tug("rollout", "restart", "sts/ordered"));
        tugRolloutStatus("sts/ordered");
        String after = ok(run.kubectl("get", "pod", "ordered-0", "-o",
                "jsonpath={.metadata.uid} {.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}")).out().strip();
        assertTrue(!after.startsWith(before) && after.split(" ").length == 2, "ordered-0 replaced by the restart: " + after);
    }

    @Test
    @Order(6)
    void daemonSetRolloutsGoBackAndRestartWithTug() throws Exception {
        // test 1 left ds/node-logger at revision 2 (alpine:3.17)
        CommandRunner.Result history = ok(run.tug("rollout", "history", "ds/node-logger"));
        assertEquals(List.of("1", "2"), revisions(history), history::toString);
        CommandRunner.Result undone = ok(run.tug("rollout", "undo", "ds/node-logger"));
        assertTrue(undone.out().contains("daemonset.apps/node-logger rolled back"), undone::toString);
        tugRolloutStatus("ds/node-logger");
        assertEquals(List.of("tugboat/busybox:1"), images("app=node-logger"), "back to revision 1's image");
        CommandRunner.Result kubectlHistory = ok(run.kubectl("rollout", "history", "ds/node-logger"));
        assertTrue(kubectlHistory.out().lines().anyMatch(l -> l.startsWith("3 ")), kubectlHistory::toString);

        ok(run.tug("rollout", "restart", "ds/node-logger"));
        tugRolloutStatus("ds/node-logger");
        CommandRunner.Result restarted = ok(run.kubectl("get", "pods", "-l", "app=node-logger", "-o",
                "jsonpath={range .items[*]}{.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}{\"\\n\"}{end}"));
        assertTrue(restarted.out().strip().lines().allMatch(l -> !l.isBlank()), restarted::toString);
        CommandRunner.Result kubectlUndo = ok(run.kubectl("rollout", "undo", "ds/node-logger", "--to-revision=2"));
        assertTrue(kubectlUndo.out().contains("rolled back"), kubectlUndo::toString);
        rolloutStatus("ds/node-logger");
        assertEquals(List.of("alpine:3.17"), images("app=node-logger"), "kubectl rollout undo --to-revision=2");
    }

    private static CommandRunner.Result ok(CommandRunner.Result result) {
        assertEquals(0, result.code(), () -> result + "\n" + cluster.logTails());
        return result;
    }

    /** The distinct images of the running, not deleted pods with {@code selector}, once they are all the same. */
    private static List<String> images(String selector) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<List<String>> seen = new java.util.concurrent.atomic.AtomicReference<>();
        eventually("pods " + selector + " all on one image", () -> {
            CommandRunner.Result out = run.kubectl("get", "pods", "-l", selector, "-o",
                    "jsonpath={range .items[*]}{.spec.containers[0].image} {.status.phase} {.metadata.deletionTimestamp}{\"\\n\"}{end}");
            List<String> lines = out.out().strip().lines().map(String::strip).toList();
            seen.set(lines.stream().map(l -> l.split(" ")[0]).distinct().toList());
            return out.code() == 0 && !lines.isEmpty() && lines.stream().allMatch(l -> l.endsWith("Running"))
                    && seen.get().size() == 1;
        });
        return seen.get();
    }

    /** The revision numbers of a {@code rollout history} table. */
    private static List<String> revisions(CommandRunner.Result history) {
        return history.out().lines().map(String::strip).filter(l -> l.matches("\\d+\\s.*"))
                .map(l -> l.split("\\s+")[0]).toList();
    }

    private static void tugRolloutStatus(String what) {
        CommandRunner.Result status = run.tug("rollout", "status", what, "--timeout=300s");
        assertEquals(0, status.code(), () -> status + "\n" + cluster.logTails());
        assertTrue(status.out().contains("successfully rolled out") || status.out().contains("rolling update complete"),
                status::toString);
    }

    /** N from the pod's "NAME started N time(s)" log line, 0 while there is none. */
    private static int starts(String pod) {
        CommandRunner.Result logs = run.kubectl("logs", pod);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(pod + " started (\\d+) time").matcher(logs.out());
        return logs.code() == 0 && m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static boolean ready(Pod pod) {
        if (pod.status() == null || pod.status().conditions() == null) {
            return false;
        }
        for (PodCondition c : pod.status().conditions()) {
            if ("Ready".equals(c.type()) && "True".equals(c.status())) {
                return true;
            }
        }
        return false;
    }

    private static void rolloutStatus(String what) {
        CommandRunner.Result status = run.kubectl("rollout", "status", what, "--timeout=300s");
        assertEquals(0, status.code(), () -> status + "\n" + cluster.logTails());
    }

    private static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(180), condition);
    }

    /** Running pods of the example DaemonSet per node. */
    private static Map<String, Long> runningNodes() {
        CommandRunner.Result out = run.kubectl("get", "pods", "-l", "app=node-logger", "-o",
                "jsonpath={range .items[*]}{.spec.nodeName} {.status.phase} {.metadata.deletionTimestamp}{\"\\n\"}{end}");
        if (out.code() != 0) {
            return Map.of();
        }
        return Arrays.stream(out.out().split("\n")).map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+"))
                .filter(f -> f.length == 2 && f[1].equals("Running"))
                .collect(Collectors.groupingBy(f -> f[0], Collectors.counting()));
    }
}
