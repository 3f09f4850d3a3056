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
import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * scheduler, controller-manager and two kubelets on the real Docker engine, see {@link UpCluster}), then the web
 * Deployment of {@code deploy/examples/web.yaml} applied, reached over HTTP, scaled, rolled out to another image
 * tag and back, its logs read, a node drained, everything deleted, and {@code tug down}. The same walk-through
 * runs twice on the one cluster: with {@code tug}, then with the real kubectl on the kubeconfig {@code tug up}
 * wrote.
 *
 * <p>The test observes the cluster through the API (and Docker), waiting on conditions, never on time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterWalkthroughIT {
    private static final Path WEB = Path.of("..", "deploy", "examples", "web.yaml").toAbsolutePath().normalize();
    /** The rollout's new image: the same local image under a second tag (nothing is pulled on this machine). */
    private static final String NEW_TAG = "tugboat/busybox:walkthrough";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path tmp;
    static UpCluster cluster;
    static List<String> nodes;
    static ApiClient client;

    @BeforeAll
    static void up() throws Exception {
        docker("tag", "tugboat/busybox:1", NEW_TAG);
        long start = System.nanoTime();
        cluster = UpCluster.start("walk", 2);
        System.out.printf("tug up --nodes=2 (process start to all nodes Ready): %.1f s%n", (System.nanoTime() - start) / 1e9);
        nodes = List.of(cluster.nodeName(1), cluster.nodeName(2));
        client = cluster.client();
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster == null) {
            return;
        }
        cluster.close();
        for (String node : nodes) {
            assertEquals("", docker("ps", "-aq", "--filter", "label=io.tugboat.node=" + node).strip(),
                    "containers of " + node + " left after tug down");
        }
        docker("rmi", NEW_TAG);
    }

    @Test
    @Order(1)
    void walkThroughWithTug() throws Exception {
        walkThrough("tug", args -> cluster.runner().tug(args));
    }

    @Test
    @Order(2)
    void walkThroughWithTheRealKubectl() throws Exception {
        walkThrough("kubectl", args -> cluster.runner().kubectl(args));
    }

    interface Cli {
        CommandRunner.Result run(String... args);
    }

    private void walkThrough(String name, Cli cli) throws Exception {
        // apply → three pods Running, spread over both nodes
        ok(cli.run("apply", "-f", WEB.toString()));
        awaitAvailable(3);
        List<Pod> pods = runningWebPods();
        assertEquals(Set.copyOf(nodes), pods.stream().map(p -> p.spec().nodeName()).collect(Collectors.toSet()),
                "3 replicas spread over both nodes");

        // a pod serves the page on its IP
        String page = httpGet("http://" + pods.get(0).status().podIP() + ":8080/");
        assertEquals("hello from " + pods.get(0).metadata().name() + "\n", page);

        // scale to 5
        ok(cli.run("scale", "deploy/web", "--replicas=5"));
        awaitAvailable(5);

        // a new image tag rolls out, never with fewer than replicas - maxUnavailable = 4 available
        AtomicInteger minAvailable = new AtomicInteger(Integer.MAX_VALUE);
        AtomicReference<Exception> watchFailure = new AtomicReference<>();
        WatchStream<Deployment> watch = client.resources(ResourceKinds.DEPLOYMENTS).inNamespace("default")
                .watch(ListOptions.none().withFieldSelector("metadata.name=web"));
        Thread watcher = watchAvailable(watch, minAvailable, watchFailure);
        Path updated = tmp.resolve(name + "-web-updated.yaml");
        String manifest = Files.readString(WEB);
        assertTrue(manifest.contains("image: tugboat/busybox:1") && manifest.contains("replicas: 3"), manifest);
        Files.writeString(updated, manifest.replace("image: tugboat/busybox:1", "image: " + NEW_TAG)
                .replace("replicas: 3", "replicas: 5"));
        ok(cli.run("apply", "-f", updated.toString()));
        CommandRunner.Result status = ok(cli.run("rollout", "status", "deploy/web", "--timeout=150s"));
        assertTrue(status.out().contains("deployment \"web\" successfully rolled out"), status::toString);
        awaitAvailable(5);
        watch.close(); // ends the watcher's blocking next()
        watcher.join();
        assertEquals(null, watchFailure.get(), "the watch of the Deployment failed");
        assertTrue(minAvailable.get() >= 4 && minAvailable.get() <= 5, "available fell to " + minAvailable.get()
                + " during the rollout (minimum 4)");
        assertEquals(NEW_TAG, image(deployment()));
        until("every web pod runs " + NEW_TAG, () -> runningWebPods().stream()
                .allMatch(p -> NEW_TAG.equals(p.spec().containers().get(0).image())));

        // undo goes back to the first template
        ok(cli.run("rollout", "undo", "deploy/web"));
        ok(cli.run("rollout", "status", "deploy/web", "--timeout=150s"));
        assertEquals("tugboat/busybox:1", image(deployment()));
        // rollout status is done when the new pods are available; the old ones may still be terminating, and
        // logs deploy/web (tug's and kubectl's alike) could pick one of those.
        awaitAvailable(5);

        // logs through the API server and the kubelet
        CommandRunner.Result logs = ok(cli.run("logs", "deploy/web"));
        assertTrue(logs.out().startsWith("serving web-"), logs::toString);

        // drain the second node (by eviction): its pods move to the first
        CommandRunner.Result drained = ok(cli.run("drain", nodes.get(1), "--ignore-daemonsets", "--timeout=150s"));
        assertTrue(drained.out().contains("node/" + nodes.get(1) + " drained"), drained::toString);
        assertTrue(drained.out().contains(" evicted\n"), "evicted, not deleted: " + drained);
        until("5 web pods Running, all on " + nodes.get(0), () -> {
            List<Pod> running = runningWebPods();
            return running.size() == 5 && running.stream().allMatch(p -> nodes.get(0).equals(p.spec().nodeName()));
        });
        ok(cli.run("uncordon", nodes.get(1)));

        // delete removes the Deployment, its ReplicaSets and pods, and the pods' containers
        ok(cli.run("delete", "-f", WEB.toString()));
        until("no web pods and no ReplicaSets", () -> webPods().isEmpty()
                && client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default").list(ListOptions.none()).items().isEmpty());
        until("no running container of the cluster's nodes", () -> {
            for (String node : nodes) {
                if (!docker("ps", "-q", "--filter", "label=io.tugboat.node=" + node).isBlank()) {
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

    private static String image(Deployment deployment) {
        return deployment.spec().template().spec().containers().get(0).image();
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

    /** Until the Deployment is settled at {@code count}: available, and no surplus pods, not even terminating ones. */
    private static void awaitAvailable(int count) throws Exception {
        until("deployment web has " + count + " available and " + count + " Running pods", () -> {
            Deployment d = deployment();
            return d.status() != null && d.status().availableReplicas() != null
                    && d.status().availableReplicas() == count && d.status().replicas() != null
                    && d.status().replicas() == count && runningWebPods().size() == count && webPods().size() == count;
        });
    }

    /**
     * Reads the Deployment's watch and keeps the lowest availableReplicas seen (the first event is its current
     * state), until the watch is closed.
     */
    private static Thread watchAvailable(WatchStream<Deployment> watch, AtomicInteger minAvailable,
                                         AtomicReference<Exception> failure) {
        AtomicInteger events = new AtomicInteger();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    WatchEvent<Deployment> event = watch.next();
                    if (event == null) {
                        return;
                    }
                    events.incrementAndGet();
                    Deployment d = event.object();
                    if (d != null && d.status() != null) {
                        int available = d.status().availableReplicas() == null ? 0 : d.status().availableReplicas();
                        minAvailable.accumulateAndGet(available, Math::min);
                    }
                }
            } catch (ApiException | RuntimeException e) {
                // Closing the stream from the test thread ends a blocked read with an exception; only an
                // exception before any event means the watch did not work.
                if (events.get() == 0) {
                    failure.set(e);
                }
            }
        }, "watch-available");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String httpGet(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    private static CommandRunner.Result ok(CommandRunner.Result result) {
        assertEquals(0, result.code(), () -> result + "\n" + cluster.logTails());
        return result;
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
