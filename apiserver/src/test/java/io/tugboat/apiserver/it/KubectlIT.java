package io.tugboat.apiserver.it;

import io.tugboat.client.Kubeconfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.testsupport.EtcdExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (v1.32, on the PATH of every development and CI machine) against Tugboat's API server:
 * the compatibility promise of ARCHITECTURE.md, checked command by command.
 */
class KubectlIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestServer api;

    @TempDir
    static Path dir;
    static Path kubeconfig;

    @BeforeAll
    static void start() throws IOException {
        api = new TestServer(etcd);
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, Kubeconfig.forServer(api.base));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + dir.resolve("cache"), "--request-timeout=20s"));
        command.addAll(List.of(args));
        return command;
    }

    static Result kubectl(String... args) throws Exception {
        Process process = new ProcessBuilder(command(args)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Path file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content);
        return path;
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 1
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: tugboat/busybox:1
                    imagePullPolicy: IfNotPresent
                    command: ["httpd", "-f", "-p", "8080"]
                    env:
                    - {name: MODE, value: one}
                    ports:
                    - containerPort: 8080
                  - name: sidecar
                    image: tugboat/busybox:1
                    command: ["sleep", "3600"]
            """;

    @Test
    void getPodsInAllNamespaces() throws Exception {
        api.post("/api/v1/namespaces/default/pods", ResourceCrudIT.pod("listed", "\"app\":\"x\""));
        Result result = kubectl("get", "pods", "-A");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().startsWith("NAMESPACE"), result.toString());
        assertTrue(result.out().contains("listed"), result.toString());
    }

    @Test
    void getNodesWide() throws Exception {
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-a","labels":{"kubernetes.io/hostname":"node-a"}},
                 "status":{"addresses":[{"type":"InternalIP","address":"10.0.0.5"}],
                 "conditions":[{"type":"Ready","status":"True"}],
                 "nodeInfo":{"kubeletVersion":"v1.32.0-tugboat","osImage":"Debian","kernelVersion":"6.1","containerRuntimeVersion":"docker://20.10"}}}""");
        Result result = kubectl("get", "nodes", "-o", "wide");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("node-a"), result.toString());
    }

    @Test
    void applyCreatesThenPatchesAndDeleteWaitsForTheObjectToGo() throws Exception {
        Path manifest = file("web.yaml", DEPLOYMENT);
        Result created = kubectl("apply", "-f", manifest.toString());
        assertEquals(0, created.code(), created.toString());
        assertTrue(created.out().contains("deployment.apps/web created"), created.toString());

        String withoutSidecar = DEPLOYMENT.substring(0, DEPLOYMENT.indexOf("      - name: sidecar"));
        Path changed = file("web2.yaml", withoutSidecar.replace("value: one", "value: two").replace("replicas: 1", "replicas: 2"));
        Result configured = kubectl("apply", "-f", changed.toString());
        assertEquals(0, configured.code(), configured.toString());
        assertTrue(configured.out().contains("deployment.apps/web configured"), configured.toString());

        Result yaml = kubectl("get", "deploy", "web", "-o", "yaml");
        assertEquals(0, yaml.code(), yaml.toString());
        assertTrue(yaml.out().contains("value: two"), yaml.out());
        assertTrue(yaml.out().contains("replicas: 2"), yaml.out());
        assertTrue(!yaml.out().contains("sidecar"), "the strategic merge patch must delete the removed container:\n" + yaml.out());
        assertTrue(yaml.out().contains("generation: 2"), yaml.out());

        Result scaled = kubectl("scale", "deploy/web", "--replicas=3");
        assertEquals(0, scaled.code(), scaled.toString());
        assertEquals(3, api.get("/apis/apps/v1/namespaces/default/deployments/web").json().path("spec").path("replicas").asInt());

        Result deleted = kubectl("delete", "-f", changed.toString());
        assertEquals(0, deleted.code(), deleted.toString());
        assertTrue(deleted.out().contains("deployment.apps \"web\" deleted"), deleted.toString());
        assertEquals(404, api.get("/apis/apps/v1/namespaces/default/deployments/web").code());
    }

    @Test
    void getWatchReceivesAnEvent() throws Exception {
        api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"before-the-watch\"}}");
        Process process = new ProcessBuilder(command("get", "configmaps", "-w", "--output-watch-events"))
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // The first line (the existing object) shows that the initial list is done and the watch is starting.
            String first = lines.poll(30, TimeUnit.SECONDS);
            assertTrue(first != null, "kubectl printed nothing");
            api.post("/api/v1/namespaces/default/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"watched-by-kubectl\"}}");
            boolean seen = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!seen && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                seen = line != null && line.contains("watched-by-kubectl") && line.contains("ADDED");
            }
            assertTrue(seen, "kubectl get -w did not print the ADDED event");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void apiResourcesListsTheServedKinds() throws Exception {
        Result result = kubectl("api-resources");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("deployments") && result.out().contains("deploy") && result.out().contains("apps/v1"),
                result.toString());
        assertTrue(result.out().contains("pods") && result.out().contains("po"), result.toString());
    }

    @Test
    void explainReadsTheOpenApiDocuments() throws Exception {
        Result result = kubectl("explain", "pod.spec.containers");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("image"), result.toString());
    }
}
