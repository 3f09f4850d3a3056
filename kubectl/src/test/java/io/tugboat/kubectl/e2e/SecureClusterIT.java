package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubectl.CommandRunner;
import io.tugboat.pki.ClusterPki;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tug up} is secure by default (issue #10), checked from outside as a stranger on this machine would try:
 * etcd wants a client certificate, a kubelet's port admits the API server only, the API server refuses anonymous
 * requests and authenticates a user added to {@code DATA/pki/tokens.csv} — whose token no component logs.
 */
class SecureClusterIT {
    private static final String TOKEN_USER = "alice";
    /** A fresh token per run, so finding it in a log can only mean this run logged it. */
    private static final String TOKEN = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

    static UpCluster cluster;
    static ClusterPki pki;

    @BeforeAll
    static void up() throws Exception {
        cluster = UpCluster.start("secure", 2);
        pki = new ClusterPki(cluster.pki(), Clock.systemUTC());
    }

    /** After every test of the class (the token was used by one of them), no component log holds it. */
    @AfterAll
    static void down() throws IOException {
        if (cluster == null) {
            return;
        }
        try {
            assertNoLogHoldsTheToken();
        } finally {
            cluster.close();
        }
    }

    private static void assertNoLogHoldsTheToken() throws IOException {
        try (Stream<Path> logs = Files.list(cluster.dataDir().resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertFalse(Files.readString(log, StandardCharsets.UTF_8).contains(TOKEN), "the bearer token is in " + log);
            }
        }
    }

    @Test
    void etcdRefusesAClientWithoutTheApiServersCertificate() throws Exception {
        String health = "https://127.0.0.1:" + cluster.etcdPort() + "/health";
        assertThrows(IOException.class, () -> get(null, health), "etcd answered a client without a certificate");
        // nor any other certificate of the cluster CA: a node's, the admin's
        assertThrows(IOException.class, () -> get(ClusterPki.nodeClient(cluster.nodeName(1)), health), "etcd answered a node");
        assertThrows(IOException.class, () -> get(ClusterPki.ADMIN, health), "etcd answered the admin's certificate");
        // the API server's etcd client, which tug up gives it, is admitted
        assertEquals(200, get(ClusterPki.APISERVER_ETCD_CLIENT, health).statusCode());
    }

    @Test
    void aKubeletAdmitsTheApiServerOnly() throws Exception {
        String logs = "https://127.0.0.1:" + cluster.kubeletPort(1) + "/containerLogs/kube-system/any/main";
        HttpResponse<String> anonymous = get(null, logs);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> admin = get(ClusterPki.ADMIN, logs);
        assertEquals(403, admin.statusCode(), admin.body());
        assertTrue(admin.body().contains("user=kubernetes-admin"), admin.body());
        HttpResponse<String> otherNode = get(ClusterPki.nodeClient(cluster.nodeName(2)), logs);
        assertEquals(403, otherNode.statusCode(), otherNode.body());
        assertTrue(otherNode.body().contains("user=system:node:" + cluster.nodeName(2)), otherNode.body());
        // the API server's kubelet client gets past authorization (there is no such pod on the node)
        HttpResponse<String> apiServer = get(ClusterPki.APISERVER_KUBELET_CLIENT, logs);
        assertEquals(400, apiServer.statusCode(), apiServer.body());
    }

    /** Through the API server, the admin still reaches the kubelet: logs and exec over its TLS client. */
    @Test
    void logsAndExecGoThroughTheApiServersKubeletClient() {
        CommandRunner run = cluster.runner();
        CommandRunner.Result applied = run.tugWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: talker
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: tugboat/busybox:1
                    command: ["sh", "-c", "echo started; sleep 3600"]
                """, "apply", "-f", "-");
        assertEquals(0, applied.code(), applied::toString);
        CommandRunner.Result ready = run.kubectl("wait", "--for=condition=Ready", "pod/talker", "--timeout=120s");
        assertEquals(0, ready.code(), () -> ready + "\n" + cluster.logTails());
        CommandRunner.Result exec = run.kubectl("exec", "talker", "--", "echo", "hello from exec");
        assertEquals(0, exec.code(), exec::toString);
        assertEquals("hello from exec", exec.out().strip());
        CommandRunner.Result tugExec = run.tug("exec", "talker", "--", "echo", "hello from tug");
        assertEquals(0, tugExec.code(), tugExec::toString);
        assertEquals("hello from tug", tugExec.out().strip());
        CommandRunner.Result logs = run.kubectl("logs", "talker");
        assertEquals(0, logs.code(), logs::toString);
        assertEquals("started", logs.out().strip());
    }

    @Test
    void theApiServerRefusesAnonymousRequests() throws Exception {
        HttpResponse<String> anonymous = get(null, "https://127.0.0.1:" + apiPort() + "/api/v1/namespaces/default/pods");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        // health is public, as in Kubernetes
        assertEquals(200, get(null, "https://127.0.0.1:" + apiPort() + "/readyz").statusCode());
    }

    @Test
    void aUserAddedToTheTokenFileIsAuthenticatedAndItsTokenIsLoggedNowhere() throws Exception {
        Files.writeString(cluster.pki().resolve("tokens.csv"), TOKEN + "," + TOKEN_USER + ",alice-uid,\"devs\"\n",
                StandardOpenOption.APPEND);
        cluster.restartWith("apiserver"); // the API server reads its token file when it starts
        HttpClient http = HttpClient.newBuilder().sslContext(context(null)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + apiPort() + "/api/v1/namespaces/default/pods"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = awaitAnswer(http, request);
        // Authenticated, and refused by name: tug up's API server runs Node,RBAC and alice has no binding yet.
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("pods is forbidden: User \\\"alice\\\" cannot list resource \\\"pods\\\""), response.body());
        // a RoleBinding to view in default lets her list there
        CommandRunner.Result bound = cluster.runner().tugWithInput("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: alice-view, namespace: default}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects:
                - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
                """, "apply", "-f", "-");
        assertEquals(0, bound.code(), bound::toString);
        // the authorizer learns of the binding through its watch: ask until it does
        AtomicReference<HttpResponse<String>> allowed = new AtomicReference<>();
        Eventually.until("alice may list pods in default", Duration.ofSeconds(60), () -> {
            allowed.set(answer(http, request));
            return allowed.get() != null && allowed.get().statusCode() == 200;
        });
        HttpRequest wrong = HttpRequest.newBuilder(request.uri()).header("Authorization", "Bearer not-" + TOKEN)
                .timeout(Duration.ofSeconds(30)).build();
        assertEquals(401, http.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertNoLogHoldsTheToken();
    }

    private static int apiPort() {
        return URI.create(cluster.apiServerUrl()).getPort();
    }

    /** The API server has just been restarted: ask until it is listening again. */
    private static HttpResponse<String> awaitAnswer(HttpClient http, HttpRequest request) throws Exception {
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
        Eventually.until("the restarted API server answers", Duration.ofSeconds(120), () -> {
            response.set(answer(http, request));
            return response.get() != null;
        });
        return response.get();
    }

    /** The server's answer, or null while it does not listen. */
    private static HttpResponse<String> answer(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpResponse<String> get(String clientCert, String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(context(clientCert)).connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Trusts the cluster CA; presents the certificate {@code clientCert} (a PKI base name) when not null. */
    private static SSLContext context(String clientCert) throws Exception {
        return pki.sslContext(clientCert);
    }

}
