package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.apiserver.auth.Authorizer;
import io.tugboat.apiserver.auth.Decision;
import io.tugboat.apiserver.auth.RequestAttributes;
import io.tugboat.apiserver.auth.UserInfo;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.apiserver.tls.ClientTls;
import io.tugboat.client.Kubeconfig;
import io.tugboat.pki.CertificateRequest;
import io.tugboat.pki.ClusterPki;
import io.tugboat.pki.Credentials;
import io.tugboat.pki.Pem;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The API server as kube-apiserver runs it: HTTPS with a certificate from the cluster CA (made here with the pki
 * module), client certificates and a token file for authentication, and an injected authorizer that records what
 * it was asked and answers what the test says. Real etcd; the real kubectl for the last word.
 */
class SecureApiServerIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    @TempDir
    static Path dir;

    static final String TINA_TOKEN = "tina-3f9a0c1e7b5d4a2f8e6c";
    static ClusterPki pki;
    static ApiServer server;
    static String base;
    static ExecProxyIT.FakeKubelet kubelet;
    static final List<RequestAttributes> asked = new CopyOnWriteArrayList<>();
    static volatile Authorizer decide = Authorizer.ALWAYS_ALLOW;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        Logger tugboat = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.tugboat");
        tugboat.setLevel(Level.DEBUG);
        logs.start();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);

        pki = new ClusterPki(dir.resolve("pki"), Clock.systemUTC());
        pki.ensureControlPlane(List.of(), List.of(), InetAddress.getByName("10.96.0.1"));
        pki.ca().issue(CertificateRequest.client("alice", "dev", "ops")).write(pki.dir(), "alice");
        Path tokens = Files.writeString(dir.resolve("tokens.csv"), TINA_TOKEN + ",tina,42,\"testers\"\n");
        server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/secure-" + System.nanoTime()))
                .withServingCertificate(pki.certificate(ClusterPki.APISERVER), pki.key(ClusterPki.APISERVER))
                .withClientCa(pki.certificate(ClusterPki.CA))
                .withTokenAuthFile(tokens)
                .withInsecurePort("127.0.0.1", 0)
                .withAuthorizer(attributes -> {
                    asked.add(attributes);
                    return decide.authorize(attributes);
                })
                .start();
        base = "https://127.0.0.1:" + server.port();
        kubelet = new ExecProxyIT.FakeKubelet();
        assertEquals(201, send(admin(), "POST", "/api/v1/nodes", PodLogIT.node("secure-node", kubelet.port())).statusCode());
        assertEquals(201, send(admin(), "POST", "/api/v1/namespaces/default/pods", PodLogIT.pod("web", "secure-node")).statusCode());
    }

    @AfterAll
    static void stop() throws IOException {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.tugboat").setLevel(null);
        if (kubelet != null) {
            kubelet.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void reset() {
        decide = Authorizer.ALWAYS_ALLOW;
        asked.clear();
        kubelet.connections.clear();
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void anAnonymousRequestIsUnauthorizedButMayReadHealthAndVersion() throws Exception {
        HttpResponse<String> response = send(anonymous(), "GET", "/api/v1/namespaces", null);
        assertEquals(401, response.statusCode());
        JsonNode status = Codec.json().readTree(response.body());
        assertEquals("Status", status.path("kind").asText());
        assertEquals("Unauthorized", status.path("reason").asText());
        assertEquals(401, status.path("code").asInt());
        for (String path : List.of("/healthz", "/livez", "/readyz", "/version")) {
            assertEquals(200, send(anonymous(), "GET", path, null).statusCode(), path);
        }
        assertTrue(asked.stream().filter(a -> a.path().equals("/healthz")).allMatch(a -> a.user().equals(UserInfo.ANONYMOUS)));
    }

    @Test
    void aCertificateUserReachesTheAuthorizerAsItsCommonNameAndOrganizations() throws Exception {
        assertEquals(200, send(client("alice"), "GET", "/api/v1/namespaces/default/configmaps", null).statusCode());
        RequestAttributes a = asked.stream().filter(x -> x.resource().equals("configmaps")).findFirst().orElseThrow();
        assertEquals(UserInfo.of("alice", List.of("dev", "ops", UserInfo.AUTHENTICATED)), a.user());
        assertEquals("list", a.verb());
        assertEquals("default", a.namespace());
    }

    @Test
    void aTokenUserReachesTheAuthorizerWithNameUidAndGroups() throws Exception {
        assertEquals(200, send(anonymous(), "GET", "/api/v1/nodes", null, "Authorization", "Bearer " + TINA_TOKEN).statusCode());
        RequestAttributes a = asked.stream().filter(x -> x.resource().equals("nodes")).findFirst().orElseThrow();
        assertEquals(new UserInfo("tina", "42", List.of("testers", UserInfo.AUTHENTICATED), Map.of()), a.user());
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = send(anonymous(), "GET", "/api/v1/nodes", null, "Authorization", "Bearer not-" + TINA_TOKEN);
        assertEquals(401, response.statusCode());
        assertEquals("Unauthorized", Codec.json().readTree(response.body()).path("message").asText());
        assertTrue(asked.isEmpty(), "nothing reaches the authorizer unauthenticated: " + asked);
    }

    @Test
    void aCertificateFromAnotherCaIsUnauthorized() throws Exception {
        ClusterPki stranger = new ClusterPki(dir.resolve("stranger"), Clock.systemUTC());
        stranger.ca().issue(CertificateRequest.client("mallory", "system:masters")).write(stranger.dir(), "mallory");
        SSLContext tls = new ClientTls(pki.certificate(ClusterPki.CA), stranger.certificate("mallory"), stranger.key("mallory")).sslContext();
        assertEquals(401, send(tls, "GET", "/api/v1/nodes", null).statusCode());
    }

    @Test
    void thePlainLoopbackListenerServesTheUnsecuredUser() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.insecurePort()
                + "/api/v1/namespaces")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(asked.isEmpty(), "system:unsecured is in system:masters, allowed before any authorizer: " + asked);
    }

    @Test
    void plainHttpIsRefusedOnAnyAddressButLoopback() {
        ApiServer.Config config = ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0);
        IllegalArgumentException beside = assertThrows(IllegalArgumentException.class,
                () -> new ApiServer(config).withInsecurePort("0.0.0.0", 0).start());
        assertTrue(beside.getMessage().contains("--insecure-bind-address is 0.0.0.0"), beside.getMessage());
        assertTrue(beside.getMessage().contains("only served on a loopback address"), beside.getMessage());
        IllegalArgumentException only = assertThrows(IllegalArgumentException.class,
                () -> new ApiServer(config.withBindAddress("0.0.0.0")).withPlainHttpOnly().start());
        assertTrue(only.getMessage().contains("loopback"), only.getMessage());
    }

    @Test
    void withoutACertificateFileTheServerMakesASelfSignedOne() throws Exception {
        try (ApiServer selfSigned = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/self-signed-" + System.nanoTime())).start()) {
            List<java.security.cert.X509Certificate> chain = selfSigned.servingCertificates();
            assertEquals(2, chain.size());
            Path ca = Files.writeString(dir.resolve("self-signed-ca.crt"), Pem.certificate(chain.get(1)));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(new ClientTls(ca, null, null).sslContext()).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + selfSigned.port()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "verified against its own CA, for 127.0.0.1");
        }
    }

    // ---------------------------------------------------------------- authorization

    @Test
    void aDenyingAuthorizerGetsKubernetesForbiddenMessages() throws Exception {
        decide = attributes -> Decision.noOpinion("");
        assertForbidden(send(client("alice"), "GET", "/api/v1/namespaces/default/pods", null),
                "pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"",
                "pods", "", "");
        assertForbidden(send(client("alice"), "GET", "/api/v1/nodes", null),
                "nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API group \"\" at the cluster scope",
                "nodes", "", "");
        assertForbidden(send(client("alice"), "POST", "/api/v1/namespaces/default/pods/web/exec?command=ls", ""),
                "pods \"web\" is forbidden: User \"alice\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"default\"",
                "pods", "", "web");
        assertForbidden(send(client("alice"), "GET", "/foo", null),
                "forbidden: User \"alice\" cannot get path \"/foo\"", "", "", "");
        decide = attributes -> Decision.deny("tugboat says no");
        assertForbidden(send(client("alice"), "DELETE", "/apis/apps/v1/namespaces/prod/deployments/d", null),
                "deployments.apps \"d\" is forbidden: User \"alice\" cannot delete resource \"deployments\" in API group \"apps\" "
                        + "in the namespace \"prod\": tugboat says no", "deployments", "apps", "d");
    }

    @Test
    void aWatchIsAuthorizedAsWatch() throws Exception {
        decide = attributes -> Decision.noOpinion("");
        assertForbidden(send(client("alice"), "GET", "/api/v1/namespaces/default/configmaps?watch=1", null),
                "configmaps is forbidden: User \"alice\" cannot watch resource \"configmaps\" in API group \"\" in the namespace \"default\"",
                "configmaps", "", "");
    }

    @Test
    void anExecUpgradeIsAuthorizedBeforeTheKubeletIsCalled() throws Exception {
        decide = attributes -> attributes.verb().equals("get") ? Decision.allow("") : Decision.noOpinion("");
        String answer = upgrade("alice", null);
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("pods \\\"web\\\" is forbidden: User \\\"alice\\\" cannot create resource \\\"pods/exec\\\""), answer);
        assertTrue(kubelet.connections.isEmpty(), "the kubelet was never called");

        decide = Authorizer.ALWAYS_ALLOW;
        String upgraded = upgrade(null, TINA_TOKEN);
        assertTrue(upgraded.startsWith("HTTP/1.1 101"), upgraded);
        Eventually.until("the kubelet received the upgrade", Duration.ofSeconds(20),
                () -> kubelet.connections.size() == 1 && kubelet.connections.get(0).received().contains("\r\n\r\n"));
        String atKubelet = kubelet.connections.get(0).received();
        assertTrue(atKubelet.contains("v5.channel.k8s.io"), atKubelet);
        assertFalse(atKubelet.contains("bearer.authorization"), "the token subprotocol stays at the API server: " + atKubelet);
        assertTrue(asked.stream().anyMatch(a -> a.user().name().equals("tina") && a.verb().equals("create")
                && a.resourceWithSubresource().equals("pods/exec")));
    }

    // ---------------------------------------------------------------- logs

    @Test
    void tokensNeverAppearInTheLogs() throws Exception {
        send(anonymous(), "GET", "/api/v1/pods", null, "Authorization", "Bearer " + TINA_TOKEN);
        send(anonymous(), "GET", "/api/v1/pods", null, "Authorization", "Bearer wrong-" + TINA_TOKEN);
        decide = attributes -> Decision.noOpinion("");
        send(anonymous(), "GET", "/api/v1/pods", null, "Authorization", "Bearer " + TINA_TOKEN);
        upgrade(null, "wrong-" + TINA_TOKEN);
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            lines.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("path=\"/api/v1/pods\" code=403") && l.contains("user=\"tina\"")),
                "the access log was captured, naming the user: " + lines);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(TINA_TOKEN.getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
            assertFalse(line.contains(TINA_TOKEN) || line.contains(encoded), "a token in the log: " + line);
        }
    }

    // ---------------------------------------------------------------- the real kubectl

    @Test
    void kubectlWorksWithAnEmbeddedClientCertificateAndIsUnauthorizedWithout() throws Exception {
        Credentials alice = pki.read("alice");
        String caPem = Files.readString(pki.certificate(ClusterPki.CA));
        Path withCert = Files.writeString(dir.resolve("alice.conf"),
                Kubeconfig.forCertificate(base, caPem, "alice", alice.certificatePem(), alice.keyPem()));
        KubectlIT.Result ok = kubectl(withCert, "", "get", "ns");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("kube-system"), ok.out());
        assertTrue(asked.stream().anyMatch(a -> a.user().name().equals("alice") && a.resource().equals("namespaces")));

        Path without = Files.writeString(dir.resolve("nobody.conf"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: tugboat
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: nobody
                  user: {username: nobody}
                contexts:
                - name: tugboat
                  context: {cluster: tugboat, user: nobody}
                current-context: tugboat
                """.formatted(base, Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII))));
        // A kubeconfig user with nothing at all makes kubectl prompt for a user name and password on the terminal. A
        // bare user name stops the prompt; kubectl then sends HTTP Basic, which (as in Kubernetes) authenticates nobody.
        KubectlIT.Result refused = kubectl(without, "", "get", "ns");
        assertEquals(1, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("error: You must be logged in to the server (Unauthorized)"), refused.err());
    }

    // ---------------------------------------------------------------- helpers

    static void assertForbidden(HttpResponse<String> response, String message, String kind, String group, String name)
            throws IOException {
        assertEquals(403, response.statusCode(), response.body());
        JsonNode status = Codec.json().readTree(response.body());
        assertEquals("Forbidden", status.path("reason").asText());
        assertEquals(message, status.path("message").asText());
        assertEquals(kind, status.path("details").path("kind").asText());
        assertEquals(group, status.path("details").path("group").asText());
        assertEquals(name, status.path("details").path("name").asText());
    }

    /** A WebSocket exec upgrade over TLS, as alice's certificate or with a token in the subprotocol; the first answer. */
    static String upgrade(String certificateUser, String token) throws Exception {
        SSLContext tls = certificateUser == null ? anonymous() : client(certificateUser);
        String protocols = "v5.channel.k8s.io" + (token == null ? "" : ", base64url.bearer.authorization.k8s.io."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /api/v1/namespaces/default/pods/web/exec?command=ls&container=app&stdout=true HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: " + protocols + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    String text = answer.toString();
                    if (text.startsWith("HTTP/1.1 101") && text.contains("\r\n\r\n")) {
                        break; // upgraded: the connection stays open
                    }
                    // any other answer ends with the server closing the connection (an upgrade is never followed)
                }
            } catch (java.net.SocketException closedWithoutNotify) {
                if (answer.length() == 0) {
                    throw closedWithoutNotify;
                }
            }
            return answer.toString();
        }
    }

    static SSLContext admin() {
        return client("admin");
    }

    static SSLContext client(String base) {
        return new ClientTls(pki.certificate(ClusterPki.CA), pki.certificate(base), pki.key(base)).sslContext();
    }

    static SSLContext anonymous() {
        return new ClientTls(pki.certificate(ClusterPki.CA), null, null).sslContext();
    }

    static HttpResponse<String> send(SSLContext tls, String method, String path, String body, String... headers) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static KubectlIT.Result kubectl(Path kubeconfig, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig=" + kubeconfig, "--request-timeout=30s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl did not finish");
        }
        return new KubectlIT.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
