package io.tugboat.kubectl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tug drain} against a real API server whose evictions are refused for a while, as a PodDisruptionBudget
 * refuses them (Tugboat has no budgets yet, so a small proxy in front of the server answers the first eviction
 * requests with Kubernetes' 429): drain reports the refusal in kubectl's words, tries again after 5 s, and
 * finishes once the eviction goes through.
 */
class DrainRetryIT {
    /**
     * Refusals before an eviction goes through: one. A 429 without Retry-After is not resent by the client (as
     * client-go), so it is one eviction attempt of drain; drain's second attempt, 5 s later, succeeds.
     */
    private static final int REFUSALS = 1;
    private static final String BUDGET_REFUSAL = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
            "message":"Cannot evict pod as it would violate the pod's disruption budget.","reason":"TooManyRequests",\
            "details":{"causes":[{"reason":"DisruptionBudget",\
            "message":"The disruption budget web needs 2 healthy pods and has 2 currently"}]},"code":429}""";

    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static HttpServer proxy;
    static final AtomicInteger refused = new AtomicInteger();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        cluster = TestCluster.start(etcd);
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", DrainRetryIT::forward);
        proxy.start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Answers the first {@link #REFUSALS} evictions with 429; forwards everything else to the API server. */
    private static void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestMethod().equals("POST") && path.endsWith("/eviction")
                    && refused.getAndIncrement() < REFUSALS) {
                reply(exchange, 429, "application/json", BUDGET_REFUSAL.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.url() + path + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            reply(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Test
    void anEvictionRefusedBecauseOfABudgetIsTriedAgain() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: proxied
                  cluster: {server: "http://127.0.0.1:%d"}
                users:
                - name: admin
                  user: {}
                contexts:
                - name: proxied
                  context: {cluster: proxied, user: admin, namespace: default}
                current-context: proxied
                """.formatted(proxy.getAddress().getPort()));
        CommandRunner run = new CommandRunner(kubeconfig, Files.createDirectories(dir.resolve("cache")));
        assertEquals(0, run.tugWithInput("apiVersion: v1\nkind: Node\nmetadata: {name: budgeted}\n", "apply", "-f", "-").code());
        CommandRunner.Result pod = run.tugWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: guarded
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: u-guarded, controller: true}]
                spec: {nodeName: budgeted, containers: [{name: c, image: tugboat/busybox:1}]}
                """, "apply", "-f", "-");
        assertEquals(0, pod.code(), pod::toString);

        CommandRunner.Result drained = run.tug("drain", "budgeted", "--grace-period=0", "--timeout=60s");

        assertEquals(new CommandRunner.Result(0, """
                node/budgeted cordoned
                evicting pod default/guarded
                evicting pod default/guarded
                pod/guarded evicted
                node/budgeted drained
                """, "error when evicting pods/\"guarded\" -n \"default\" (will retry after 5s): Cannot evict pod as it"
                + " would violate the pod's disruption budget.\n"), drained);
        assertEquals(REFUSALS + 1, refused.get(), "evictions posted");
        assertTrue(run.tug("get", "pod", "guarded").err().contains("NotFound"));
    }
}
