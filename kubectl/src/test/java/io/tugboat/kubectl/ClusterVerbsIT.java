package io.tugboat.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs beyond get/apply/delete against a real API server (no controllers or kubelets run: the tests play
 * their part by writing status, and a tiny HTTP server plays the kubelet's log endpoint). Where kubectl can do
 * the same, its output is the expectation.
 */
class ClusterVerbsIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static CommandRunner run;
    static ApiClient client;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        run = new CommandRunner(cluster.writeKubeconfig(dir.resolve("kubeconfig")), Files.createDirectories(dir.resolve("cache")));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String deployment(String name, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: c, image: %s}]}
                """.formatted(name, name, name, image);
    }

    private static void assertSame(String... args) {
        CommandRunner.Result expected = run.kubectl(args);
        CommandRunner.Result actual = run.tug(args);
        assertEquals(expected.code() + expected.out() + expected.err().replace("kubectl", "tug"),
                actual.code() + actual.out() + actual.err(), String.join(" ", args));
    }

    @Test
    void describeMatchesKubectlForPodsServicesConfigMapsAndDeployments() {
        run.tugWithInput(deployment("described", "tugboat/busybox:1") + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: described-pod, labels: {a: b, c: d}, annotations: {note: hi}}
                spec:
                  containers:
                  - name: c
                    image: tugboat/busybox:1
                    command: [sh, -c, "sleep 1"]
                    ports: [{containerPort: 80}]
                    env: [{name: A, value: "1"}]
                    resources: {limits: {cpu: 100m, memory: 10Mi}}
                    volumeMounts: [{name: v, mountPath: /v}]
                  volumes: [{name: v, emptyDir: {}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: described-svc}
                spec: {selector: {app: x}, ports: [{port: 80, targetPort: 8080, name: http}]}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: described-cm}
                data: {a: "one line"}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: described-secret, labels: {app: db}}
                stringData: {password: s3cr3t-value}
                """, "apply", "-f", "-");
        String uid = run.tug("get", "pod", "described-pod", "-o", "jsonpath={.metadata.uid}").out();
        // Ten days ago: kubectl and tug, run a second apart, both print "10d" (a few seconds ago would not be stable).
        String now = java.time.Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        run.tugWithInput("""
                apiVersion: v1
                kind: Event
                metadata: {name: described-pod.1}
                involvedObject: {kind: Pod, namespace: default, name: described-pod, uid: %s, apiVersion: v1}
                reason: Scheduled
                message: Successfully assigned default/described-pod to node-1
                type: Normal
                count: 2
                firstTimestamp: "%s"
                lastTimestamp: "%s"
                source: {component: default-scheduler}
                """.formatted(uid, now, now), "create", "-f", "-");
        assertSame("describe", "pod", "described-pod");
        assertSame("describe", "svc", "described-svc");
        assertSame("describe", "cm", "described-cm"); // one key: kubectl prints several in Go's random map order
        assertSame("describe", "secret", "described-secret");
        assertFalse(run.tug("describe", "secret", "described-secret").out().contains("s3cr3t-value"), "the value is never shown");
        assertSame("describe", "deploy", "described");
        assertSame("describe", "pod", "nope");
    }

    @Test
    void scaleLabelAnnotateCordonPrintWhatKubectlPrints() {
        run.tugWithInput(deployment("scaled", "tugboat/busybox:1"), "apply", "-f", "-");
        assertEquals(new CommandRunner.Result(0, "deployment.apps/scaled scaled\n", ""), run.tug("scale", "deploy/scaled", "--replicas=5"));
        assertEquals("5", run.tug("get", "deploy", "scaled", "-o", "jsonpath={.spec.replicas}").out());
        assertSame("scale", "deploy", "nope", "--replicas=2");
        // kubectl and tug take turns: each sees what the other did (outputs checked against kubectl's by hand).
        assertEquals(new CommandRunner.Result(0, "deployment.apps/scaled labeled\n", ""), run.tug("label", "deploy", "scaled", "tier=web"));
        assertSame("label", "deploy", "scaled", "tier=db");
        assertEquals(new CommandRunner.Result(0, "deployment.apps/scaled labeled\n", ""),
                run.tug("label", "deploy", "scaled", "tier=db", "--overwrite"));
        assertEquals("tier=db", run.tug("get", "deploy", "scaled", "-o", "jsonpath=tier={.metadata.labels.tier}").out());
        assertEquals(new CommandRunner.Result(0, "deployment.apps/scaled labeled\n", ""), run.tug("label", "deploy", "scaled", "tier-"));
        assertSame("label", "deploy", "scaled", "tier-");
        assertEquals(new CommandRunner.Result(0, "deployment.apps/scaled annotated\n", ""),
                run.tug("annotate", "deploy/scaled", "note=hello world"));
        assertEquals("hello world", run.tug("get", "deploy", "scaled", "-o", "jsonpath={.metadata.annotations.note}").out());
        assertEquals(new CommandRunner.Result(0, "deployment.apps/scaled annotated\n", ""), run.tug("annotate", "deploy/scaled", "note-"));
        run.tugWithInput("apiVersion: v1\nkind: Node\nmetadata: {name: cordoned}\n", "apply", "-f", "-");
        assertEquals(new CommandRunner.Result(0, "node/cordoned cordoned\n", ""), run.tug("cordon", "cordoned"));
        assertSame("cordon", "cordoned");
        assertEquals("true", run.tug("get", "node", "cordoned", "-o", "jsonpath={.spec.unschedulable}").out());
        assertEquals(new CommandRunner.Result(0, "node/cordoned uncordoned\n", ""), run.tug("uncordon", "cordoned"));
        assertSame("uncordon", "cordoned");
    }

    @Test
    void rolloutStatusFollowsTheDeploymentUntilItIsRolledOut() throws Exception {
        run.tugWithInput(deployment("rolling", "tugboat/busybox:1"), "apply", "-f", "-");
        ResourceClient<io.tugboat.api.apps.Deployment> deployments = client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default");
        deployments.patchStatus("rolling", ResourceClient.PatchType.MERGE,
                "{\"status\":{\"observedGeneration\":1,\"replicas\":1,\"updatedReplicas\":1}}");
        java.io.StringWriter out = new java.io.StringWriter();
        CompletableFuture<CommandRunner.Result> status = CompletableFuture.supplyAsync(
                () -> run.tugTo(out, "rollout", "status", "deploy/rolling", "--timeout=60s"));
        String first = "Waiting for deployment \"rolling\" rollout to finish: 1 out of 3 new replicas have been updated...\n";
        io.tugboat.testsupport.Eventually.until("the first line", Duration.ofSeconds(30), () -> out.toString().equals(first));
        deployments.patchStatus("rolling", ResourceClient.PatchType.MERGE,
                "{\"status\":{\"observedGeneration\":1,\"replicas\":3,\"updatedReplicas\":3,\"availableReplicas\":1}}");
        String second = first + "Waiting for deployment \"rolling\" rollout to finish: 1 of 3 updated replicas are available...\n";
        io.tugboat.testsupport.Eventually.until("the second line", Duration.ofSeconds(30), () -> out.toString().equals(second));
        deployments.patchStatus("rolling", ResourceClient.PatchType.MERGE,
                "{\"status\":{\"observedGeneration\":1,\"replicas\":3,\"updatedReplicas\":3,\"availableReplicas\":3}}");
        CommandRunner.Result result = status.get();
        assertEquals(new CommandRunner.Result(0, second + "deployment \"rolling\" successfully rolled out\n", ""), result);
    }

    @Test
    void rolloutHistoryUndoRestartPauseResume() throws Exception {
        run.tugWithInput(deployment("history", "tugboat/busybox:2"), "apply", "-f", "-");
        String uid = client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default").get("history").metadata().uid();
        for (int revision = 1; revision <= 2; revision++) {
            run.tugWithInput("""
                    apiVersion: apps/v1
                    kind: ReplicaSet
                    metadata:
                      name: history-r%d
                      labels: {app: history, pod-template-hash: h%d}
                      annotations: {deployment.kubernetes.io/revision: "%d"}
                      ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: history, uid: %s, controller: true}]
                    spec:
                      replicas: 0
                      selector: {matchLabels: {app: history, pod-template-hash: h%d}}
                      template:
                        metadata: {labels: {app: history, pod-template-hash: h%d}}
                        spec: {containers: [{name: c, image: "tugboat/busybox:%d"}]}
                    """.formatted(revision, revision, revision, uid, revision, revision, revision), "create", "-f", "-");
        }
        assertSame("rollout", "history", "deploy/history");
        assertEquals(new CommandRunner.Result(0, "deployment.apps/history rolled back\n", ""), run.tug("rollout", "undo", "deploy/history"));
        assertEquals("tugboat/busybox:1", run.tug("get", "deploy", "history", "-o",
                "jsonpath={.spec.template.spec.containers[0].image}").out());
        assertEquals("history", run.tug("get", "deploy", "history", "-o", "jsonpath={.spec.template.metadata.labels.app}").out());
        assertEquals(new CommandRunner.Result(0, "deployment.apps/history restarted\n", ""), run.tug("rollout", "restart", "deploy/history"));
        assertTrue(run.tug("get", "deploy", "history", "-o", "yaml").out().contains("kubectl.kubernetes.io/restartedAt"));
        assertEquals(new CommandRunner.Result(0, "deployment.apps/history paused\n", ""), run.tug("rollout", "pause", "deploy/history"));
        assertSame("rollout", "pause", "deploy/history");
        assertEquals("true", run.tug("get", "deploy", "history", "-o", "jsonpath={.spec.paused}").out());
        assertEquals(new CommandRunner.Result(0, "deployment.apps/history resumed\n", ""), run.tug("rollout", "resume", "deploy/history"));
        assertSame("rollout", "resume", "deploy/history");
    }

    @Test
    void drainEvictsTheNodesPodsAndSkipsDaemonSetPods() throws Exception {
        run.tugWithInput("apiVersion: v1\nkind: Node\nmetadata: {name: drained}\n", "apply", "-f", "-");
        for (String[] pod : new String[][] {{"rs-pod", "ReplicaSet"}, {"ds-pod", "DaemonSet"}}) {
            run.tugWithInput("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: %s
                      ownerReferences: [{apiVersion: apps/v1, kind: %s, name: x, uid: u-%s, controller: true}]
                    spec: {nodeName: drained, containers: [{name: c, image: tugboat/busybox:1}]}
                    """.formatted(pod[0], pod[1], pod[0]), "apply", "-f", "-");
        }
        CommandRunner.Result refused = run.tug("drain", "drained");
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds-pod"),
                refused.toString());
        CommandRunner.Result drained = run.tug("drain", "drained", "--ignore-daemonsets", "--grace-period=0", "--timeout=30s");
        assertEquals(new CommandRunner.Result(0, "node/drained already cordoned\nevicting pod default/rs-pod\n"
                + "pod/rs-pod evicted\nnode/drained drained\n",
                "Warning: ignoring DaemonSet-managed Pods: default/ds-pod\n"), drained);
        assertEquals("ds-pod", run.tug("get", "pods", "--field-selector=spec.nodeName=drained", "-o",
                "jsonpath={.items[*].metadata.name}").out());

        // --disable-eviction deletes instead, as kubectl does.
        run.tugWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: rs-pod-2
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: x, uid: u-rs-pod-2, controller: true}]
                spec: {nodeName: drained, containers: [{name: c, image: tugboat/busybox:1}]}
                """, "apply", "-f", "-");
        CommandRunner.Result deleted = run.tug("drain", "drained", "--ignore-daemonsets", "--grace-period=0",
                "--disable-eviction", "--timeout=30s");
        assertEquals(new CommandRunner.Result(0, "node/drained already cordoned\npod/rs-pod-2 deleted\nnode/drained drained\n",
                "Warning: ignoring DaemonSet-managed Pods: default/ds-pod\n"), deleted);
    }

    @Test
    void logsReadThroughTheApiServersProxyToTheKubelet() throws Exception {
        HttpServer kubelet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kubelet.createContext("/containerLogs/default/logger/c", exchange -> {
            byte[] body = ("line for " + exchange.getRequestURI().getQuery() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        kubelet.start();
        try {
            run.tugWithInput("apiVersion: v1\nkind: Node\nmetadata: {name: logs-node}\n", "apply", "-f", "-");
            client.resources(ResourceKinds.NODES).patchStatus("logs-node", ResourceClient.PatchType.MERGE,
                    "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
                            + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + kubelet.getAddress().getPort() + "}}}}");
            run.tugWithInput(deployment("logger", "tugboat/busybox:1"), "apply", "-f", "-");
            run.tugWithInput("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: logger, labels: {app: logger}}
                    spec: {nodeName: logs-node, containers: [{name: c, image: tugboat/busybox:1}]}
                    """, "apply", "-f", "-");
            CommandRunner.Result byPod = run.tug("logs", "logger", "--tail=2");
            assertEquals(0, byPod.code(), byPod.toString());
            assertTrue(byPod.out().startsWith("line for ") && byPod.out().contains("tailLines=2"), byPod.toString());
            CommandRunner.Result byDeployment = run.tug("logs", "deploy/logger", "-c", "c");
            assertEquals(0, byDeployment.code(), byDeployment.toString());
            assertSame("logs", "nope");
        } finally {
            kubelet.stop(0);
        }
    }

    @Test
    void waitForConditionAndDeletion() throws Exception {
        run.tugWithInput("apiVersion: v1\nkind: Pod\nmetadata: {name: waited}\nspec: {containers: [{name: c, image: i}]}\n",
                "apply", "-f", "-");
        CompletableFuture<CommandRunner.Result> ready = CompletableFuture.supplyAsync(
                () -> run.tug("wait", "--for=condition=Ready", "pod/waited", "--timeout=60s"));
        client.resources(ResourceKinds.PODS).inNamespace("default").patchStatus("waited", ResourceClient.PatchType.MERGE,
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        assertEquals(new CommandRunner.Result(0, "pod/waited condition met\n", ""), ready.get());
        assertSame("wait", "--for=condition=Ready=false", "pod/waited", "--timeout=1s");
        run.tug("delete", "pod", "waited", "--wait=false");
        assertEquals(0, run.tug("wait", "--for=delete", "pod/waited", "--timeout=30s").code());
    }

    @Test
    void discoveryAndConfigVerbs() {
        assertSame("api-resources");
        assertSame("config", "get-contexts");
        assertSame("config", "current-context");
        assertSame("config", "view");
        assertSame("config", "view", "--minify");
        assertTrue(run.tug("version").out().contains("Server Version: v1."));
        assertTrue(run.tug("cluster-info").out().startsWith("Kubernetes control plane is running at " + cluster.url()));
        assertTrue(run.tug("completion", "bash").out().contains("complete -F"));
        CommandRunner.Result explain = run.tug("explain", "deployments.spec.replicas");
        assertTrue(explain.out().contains("FIELD: replicas <integer>"), explain.toString());
    }

    @Test
    void getWatchPrintsTheTableThenEachChangeUntilTheRequestTimeout() throws Exception {
        run.tugWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched}\n", "apply", "-f", "-");
        java.io.StringWriter out = new java.io.StringWriter();
        CompletableFuture<CommandRunner.Result> watch = CompletableFuture.supplyAsync(
                () -> run.tugTo(out, "get", "cm", "watched", "-w", "--request-timeout=5s", "-o", "custom-columns=NAME:.metadata.name,DATA:.data.k"));
        io.tugboat.testsupport.Eventually.until("the initial table", Duration.ofSeconds(30),
                () -> out.toString().equals("NAME      DATA\nwatched   <none>\n"));
        run.tugWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched}\ndata: {k: v}\n", "apply", "-f", "-");
        CommandRunner.Result result = watch.get();
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("watched   v\n"), result.toString());
    }

    @Test
    void editWritesBackWhatTheEditorChangedAndCancelsWhenNothingChanged() throws Exception {
        run.tugWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: edited}\ndata: {k: old}\n", "apply", "-f", "-");
        assertEquals(new CommandRunner.Result(0, "Edit cancelled, no changes made.\n", ""),
                run.tugProcess("EDITOR", "true", "edit", "cm/edited"));
        assertEquals(new CommandRunner.Result(0, "configmap/edited edited\n", ""),
                run.tugProcess("EDITOR", "sed -i s/old/new/", "edit", "cm/edited"));
        assertEquals("new", run.tug("get", "cm", "edited", "-o", "jsonpath={.data.k}").out());
    }

    @Test
    void errorsPrintOneLineAndExitOne() throws Exception {
        assertSame("get", "pods", "nope");
        assertSame("get", "nosuchkind");
        CommandRunner.Result badFlag = run.tug("get", "pods", "--bogus");
        assertEquals(1, badFlag.code());
        assertTrue(badFlag.err().startsWith("error: Unknown option: '--bogus'\nUsage: tug get"), badFlag.toString());
        Path unreachable = dir.resolve("unreachable");
        Files.writeString(unreachable, Files.readString(dir.resolve("kubeconfig")).replace(cluster.url(), "http://127.0.0.1:1"));
        CommandRunner.Result down = new CommandRunner(unreachable, dir.resolve("cache")).tug("get", "pods");
        assertEquals(new CommandRunner.Result(1, "",
                "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\n"), down);
    }
}
