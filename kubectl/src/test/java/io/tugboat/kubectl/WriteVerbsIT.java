package io.tugboat.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply, create and delete against a real API server, with the real kubectl taking turns on the same objects:
 * what tug applies, kubectl finds unchanged, and the reverse.
 */
class WriteVerbsIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static CommandRunner run;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(etcd);
        run = new CommandRunner(cluster.writeKubeconfig(dir.resolve("kubeconfig")), Files.createDirectories(dir.resolve("cache")));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String deployment(String name, String image, String extraEnv, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  labels: {app: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      - name: httpd
                        image: %s
                        ports: [{containerPort: 8080}]
                        env: [{name: A, value: "1"}%s]
                      - name: side
                        image: tugboat/busybox:1
                """.formatted(name, name, replicas, name, name, image, extraEnv);
    }

    private static JsonNode json(CommandRunner.Result result) throws Exception {
        assertEquals(0, result.code(), result.toString());
        return Codec.readTree(result.out().getBytes(StandardCharsets.UTF_8), false);
    }

    private static JsonNode comparable(JsonNode object, String name) throws Exception {
        String text = "[" + Codec.toJsonString(object.path("spec")) + "," + object.path("metadata").path("annotations")
                .path("kubectl.kubernetes.io/last-applied-configuration").asText() + "]";
        return Codec.readTree(text.replace(name, "NAME").getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void applyProducesTheSameObjectsAsKubectlApplyStepByStep() throws Exception {
        String[][] versions = {
                {"tugboat/busybox:1", ", {name: B, value: \"2\"}", "3"},
                {"tugboat/busybox:2", "", "3"},
                {"tugboat/busybox:2", ", {name: C, value: \"3\"}", "1"},
        };
        String[] expectedWords = {"created", "configured", "configured"};
        for (int i = 0; i < versions.length; i++) {
            String[] v = versions[i];
            CommandRunner.Result byKubectl = run.kubectlWithInput(deployment("web-k", v[0], v[1], Integer.parseInt(v[2])),
                    "apply", "-f", "-");
            CommandRunner.Result byTug = run.tugWithInput(deployment("web-t", v[0], v[1], Integer.parseInt(v[2])),
                    "apply", "-f", "-");
            assertEquals("deployment.apps/web-k " + expectedWords[i] + "\n", byKubectl.out(), byKubectl.toString());
            assertEquals("deployment.apps/web-t " + expectedWords[i] + "\n", byTug.out(), byTug.toString());
            assertEquals(comparable(json(run.kubectl("get", "deploy", "web-k", "-o", "json")), "web-k"),
                    comparable(json(run.kubectl("get", "deploy", "web-t", "-o", "json")), "web-t"), "after version " + i);
        }
    }

    @Test
    void kubectlAndTugTakeTurnsOnOneObject() {
        String v1 = deployment("turns", "tugboat/busybox:1", ", {name: B, value: \"2\"}", 2);
        String v2 = deployment("turns", "tugboat/busybox:3", "", 2);
        assertEquals("deployment.apps/turns created\n", run.tugWithInput(v1, "apply", "-f", "-").out());
        assertEquals("deployment.apps/turns unchanged\n", run.kubectlWithInput(v1, "apply", "-f", "-").out());
        assertEquals("deployment.apps/turns unchanged\n", run.tugWithInput(v1, "apply", "-f", "-").out());
        assertEquals("deployment.apps/turns configured\n", run.kubectlWithInput(v2, "apply", "-f", "-").out());
        assertEquals("deployment.apps/turns unchanged\n", run.tugWithInput(v2, "apply", "-f", "-").out());
        assertEquals("deployment.apps/turns configured\n", run.tugWithInput(v1, "apply", "-f", "-").out());
        assertEquals("deployment.apps/turns unchanged\n", run.kubectlWithInput(v1, "apply", "-f", "-").out());
        CommandRunner.Result env = run.tug("get", "deploy", "turns", "-o", "jsonpath={.spec.template.spec.containers[0].env[*].name}");
        assertEquals("A B", env.out());
    }

    @Test
    void applyReportsAnInvalidObjectAsKubectlDoes() {
        String invalid = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Not_Valid}\n";
        assertEquals(run.kubectlWithInput(invalid, "apply", "-f", "-"), run.tugWithInput(invalid, "apply", "-f", "-"));
    }

    @Test
    void applyReadsDirectoriesRecursively() throws Exception {
        Path manifests = Files.createDirectories(dir.resolve("manifests/nested"));
        Files.writeString(dir.resolve("manifests/a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dir-a}\n");
        Files.writeString(manifests.resolve("b.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dir-b}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dir-c}\ndata: {x: y}\n");
        CommandRunner.Result flat = run.tug("apply", "-f", dir.resolve("manifests").toString());
        assertEquals("configmap/dir-a created\n", flat.out(), flat.toString());
        CommandRunner.Result recursive = run.tug("apply", "-f", dir.resolve("manifests").toString(), "-R");
        assertEquals("configmap/dir-a unchanged\nconfigmap/dir-b created\nconfigmap/dir-c created\n", recursive.out());
    }

    @Test
    void createReportsExistingObjectsAsKubectlDoes() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: created}\nspec: {containers: [{name: c, image: tugboat/busybox:1}]}\n";
        CommandRunner.Result first = run.tugWithInput(pod, "create", "-f", "-");
        assertEquals(new CommandRunner.Result(0, "pod/created created\n", ""), first);
        CommandRunner.Result again = run.tugWithInput(pod, "create", "-f", "-");
        CommandRunner.Result kubectl = run.kubectlWithInput(pod, "create", "-f", "-");
        assertEquals(kubectl, again);
    }

    @Test
    void deleteByNameSelectorAndFileWaitsAndReportsLikeKubectl() throws Exception {
        for (String name : new String[] {"d1", "d2", "d3", "d4"}) {
            run.tugWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", labels: {group: "
                    + (name.equals("d4") ? "other" : "del") + "}}\n", "apply", "-f", "-");
        }
        assertEquals(new CommandRunner.Result(0, "configmap \"d1\" deleted\n", ""), run.tug("delete", "cm", "d1"));
        assertEquals(new CommandRunner.Result(0, "configmap \"d2\" deleted\nconfigmap \"d3\" deleted\n", ""),
                run.tug("delete", "configmaps", "-l", "group=del"));
        assertEquals(run.kubectl("delete", "cm", "d1"), run.tug("delete", "cm", "d1"));
        assertEquals(run.kubectl("delete", "cm", "-l", "group=nothing"), run.tug("delete", "cm", "-l", "group=nothing"));
        assertEquals(run.kubectl("delete", "cm"), run.tug("delete", "cm"));
        assertEquals(new CommandRunner.Result(0, "", ""), run.tug("delete", "cm", "d1", "--ignore-not-found"));
        Path file = dir.resolve("d4.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d4}\n");
        assertEquals(new CommandRunner.Result(0, "configmap \"d4\" deleted\n", ""), run.tug("delete", "-f", file.toString()));
        assertEquals(1, run.tug("get", "cm", "d4").code());
    }

    @Test
    void deleteWithForegroundCascadeWaitsForTheFinalizer() {
        run.tugWithInput(deployment("fg", "tugboat/busybox:1", "", 1), "apply", "-f", "-");
        CommandRunner.Result deleted = run.tug("delete", "deploy/fg", "--cascade=foreground", "--timeout=3s");
        // No garbage collector runs here to remove the foregroundDeletion finalizer: the wait must time out.
        assertEquals(1, deleted.code(), deleted.toString());
        assertTrue(deleted.out().equals("deployment.apps \"fg\" deleted\n"), deleted.toString());
        assertEquals("error: timed out waiting for the condition on deployments/fg\n", deleted.err());
    }
}
