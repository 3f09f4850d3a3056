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
