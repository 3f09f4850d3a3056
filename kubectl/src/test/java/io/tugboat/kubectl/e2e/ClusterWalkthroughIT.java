package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.WatchEvent;
import io.tugboat.client.WatchStream;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through, end to end on real processes: {@code tug up --nodes=2} (etcd, API server,
 * scheduler, controller-manager and two kubelets on the real Docker engine), then the web Deployment applied,
 * reached, scaled, rolled out to a new image tag and back, its logs read, a node drained, everything deleted,
 * and {@code tug down}. The same walk-through runs twice on the one cluster: with {@code tug}, then with the
 * real kubectl on the kubeconfig {@code tug up} wrote.
 *
 * <p>Commands are run as a user runs them (separate processes); the test observes the cluster through the
 * API. Node names carry a per-run prefix so the suite never touches the containers of a cluster a user has
 * running on the same machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterWalkthroughIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path WEB = REPO.resolve("deploy/examples/web.yaml");
    private static final String NEW_TAG = "tugboat/busybox:walkthrough";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;
    static Path dataDir;
    static String prefix;
    static List<String> nodes;
    static ApiClient client;
    static double upSeconds;

    @BeforeAll
    static void up() throws Exception {
        // The rollout changes the image tag; the new tag is the same local image under another name.
        run(List.of("docker", "tag", "tugboat/busybox:1", NEW_TAG));
        dataDir = tmp.resolve("cluster");
        prefix = "wt" + Long.toString(System.nanoTime() % 100_000, 36) + "-";
        nodes = List.of(prefix + "1", prefix + "2");
        int apiPort = freePort();
        int etcdPort = freePortPair();
        int kubeletPort = freePortPair();
        long start = System.nanoTime();
        Result up = tug("up", "--nodes=2", "--skip-install", "--data-dir=" + dataDir, "--port=" + apiPort,
                "--etcd-port=" + etcdPort, "--kubelet-port=" + kubeletPort, "--node-prefix=" + prefix);
        upSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, up.code, up::toString);
        assertTrue(up.out.contains("2/2 Ready"), up::toString);
        System.out.printf("tug up --nodes=2: all nodes Ready after %.1f s%n", upSeconds);
        client = ApiClient.builder("http://127.0.0.1:" + apiPort).build();
        Result again = tug("up", "--nodes=2", "--skip-install", "--data-dir=" + dataDir, "--port=" + apiPort,
                "--etcd-port=" + etcdPort, "--kubelet-port=" + kubeletPort, "--node-prefix=" + prefix);
        assertEquals(0, again.code, again::toString);
        assertTrue(again.out.contains("already running"), again::toString);
    }

    @AfterAll
    static void down() throws Exception {
        if (dataDir == null) {
            return;
        }
        Result down = tug("down", "--data-dir=" + dataDir, "--purge");
        assertEquals(0, down.code, down::toString);
        for (String node : nodes) {
            assertEquals("", run(List.of("docker", "ps", "-aq", "--filter", "label=io.tugboat.node=" + node)).out.trim(),
                    "containers of " + node + " left after tug down");
        }
        run(List.of("docker", "rmi", NEW_TAG));
    }

    @Test
    @Order(1)
    void walkThroughWithTug() throws Exception {
        walkThrough(ClusterWalkthroughIT::tug);
    }

    @Test
    @Order(2)
    void walkThroughWithTheRealKubectl() throws Exception {
        walkThrough(args -> {
            List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + dataDir.resolve("kubeconfig"),
                    "--cache-dir=" + tmp.resolve("kubectl-cache")));
            command.addAll(List.of(args));
            return run(command);
        });
    }

    interface Cli {
        Result run(String... args) throws Exception;
    }

    private void walkThrough(Cli cli) throws Exception {
        // apply → three pods Running, spread over both nodes
        ok(cli.run("apply", "-f", WEB.toString()));
        List<Pod> pods = awaitRunningWebPods(3);
        assertEquals(Set.copyOf(nodes), pods.stream().map(p -> p.spec().nodeName()).collect(Collectors.toSet()),
                "3 replicas spread over both nodes");

        // a pod serves the page on its IP
        String page = get("http://" + pods.get(0).status().podIP() + ":8080/");
        assertTrue(page.startsWith("hello from "), page);

        // scale to 5
        ok(cli.run("scale", "deploy/web", "--replicas=5"));
        awaitRunningWebPods(5);
        awaitAvailable(5);

        // a new image tag rolls out with never fewer than replicas - maxUnavailable = 4 available
        AtomicInteger minAvailable = new AtomicInteger(Integer.MAX_VALUE);
        Thread watcher = watchAvailable(minAvailable);
        Path updated = tmp.resolve("web-updated.yaml");
        Files.writeString(updated, Files.readString(WEB).replace("image: tugboat/busybox:1", "image: " + NEW_TAG)
                .replace("replicas: 3", "replicas: 5"));
        ok(cli.run("apply", "-f", updated.toString()));
        Result status = ok(cli.run("rollout", "status", "deploy/web", "--timeout=90s"));
        assertTrue(status.out.contains("successfully rolled out"), status::toString);
        watcher.interrupt();
        watcher.join();
        assertTrue(minAvailable.get() >= 4, "available fell to " + minAvailable.get() + " during the rollout");
        assertEquals(NEW_TAG, deployment().spec().template().spec().containers().get(0).image());

        // undo goes back to the first template
        ok(cli.run("rollout", "undo", "deploy/web"));
        ok(cli.run("rollout", "status", "deploy/web", "--timeout=90s"));
        assertEquals("tugboat/busybox:1", deployment().spec().template().spec().containers().get(0).image());

        // logs through the API server and the kubelet
        Result logs = ok(cli.run("logs", "deploy/web"));
        assertTrue(logs.out.contains("serving web-"), logs::toString);

        // drain the second node: its pods move to the first
        ok(cli.run("drain", nodes.get(1), "--ignore-daemonsets", "--timeout=90s"));
        until("every web pod Running on " + nodes.get(0), () -> {
            List<Pod> running = runningWebPods();
            return running.size() == 5 && running.stream().allMatch(p -> nodes.get(0).equals(p.spec().nodeName()));
        });
        ok(cli.run("uncordon", nodes.get(1)));

        // delete removes the Deployment, its ReplicaSets, pods and containers
        ok(cli.run("delete", "-f", WEB.toString()));
        until("no web pods and no ReplicaSets", () ->
                webPods().isEmpty() && client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default")
                        .list(ListOptions.none().withLabelSelector("app=web")).items().isEmpty());
        until("no containers of the cluster's nodes", () -> {
            for (String node : nodes) {
                String ids = run(List.of("docker", "ps", "-q", "--filter", "label=io.tugboat.node=" + node,
                        "--filter", "label=io.kubernetes.pod.namespace=default")).out.trim();
                if (!ids.isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** {@link Eventually#until} for conditions that call the API or Docker (which throw checked exceptions). */
    private static void until(String what, Check check) throws InterruptedException {
        Eventually.until(what, WAIT, () -> {
            try {
                return check.holds();
            } catch (Exception e) {
                throw new IllegalStateException("while waiting until " + what, e);
            }
        });
    }

    private static Deployment deployment() throws ApiException {
        return client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default").get("web");
    }

    private static List<Pod> webPods() throws ApiException {
        return client.resources(ResourceKinds.PODS).inNamespace("default")
                .list(ListOptions.none().withLabelSelector("app=web")).items();
    }

    private static List<Pod> runningWebPods() throws ApiException {
        return webPods().stream()
                .filter(p -> p.metadata().deletionTimestamp() == null)
                .filter(p -> p.status() != null && "Running".equals(p.status().phase()) && p.status().podIP() != null)
                .toList();
    }

    private static List<Pod> awaitRunningWebPods(int count) throws Exception {
        until(count + " web pods Running", () -> runningWebPods().size() == count);
        return runningWebPods();
    }

    private static void awaitAvailable(int count) throws Exception {
        until("deployment web has " + count + " available", () -> {
            Deployment d = deployment();
            return d.status() != null && d.status().availableReplicas() != null
                    && d.status().availableReplicas() == count;
        });
    }

    /** Watches the Deployment's status and keeps the lowest availableReplicas seen, until interrupted. */
    private static Thread watchAvailable(AtomicInteger minAvailable) {
        Thread thread = new Thread(() -> {
            try (WatchStream<Deployment> watch = client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default")
                    .watch(ListOptions.none().withFieldSelector("metadata.name=web"))) {
                while (!Thread.currentThread().isInterrupted()) {
                    WatchEvent<Deployment> event = watch.next();
                    if (event == null) {
                        return;
                    }
                    Deployment d = event.object();
                    if (d != null && d.status() != null) {
                        int available = d.status().availableReplicas() == null ? 0 : d.status().availableReplicas();
                        minAvailable.accumulateAndGet(available, Math::min);
                    }
                }
            } catch (ApiException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException(e);
                }
            }
        }, "watch-available");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String get(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Result ok(Result result) {
        assertEquals(0, result.code, result::toString);
        return result;
    }

    static Result tug(String... args) throws Exception {
        Path target = REPO.resolve("kubectl/target");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", target.resolve("tug.jar") + ":" + target.resolve("lib") + "/*",
                "io.tugboat.kubectl.Tug"));
        command.addAll(List.of(args));
        if (dataDir != null && !args[0].equals("up") && !args[0].equals("down")) {
            command.add("--kubeconfig=" + dataDir.resolve("kubeconfig"));
        }
        return run(command);
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port p such that p and p + 1 are both free (etcd's client and peer ports, two kubelets). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no two adjacent free ports");
    }
}
