package io.tugboat.apiserver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.tugboat.testsupport.EtcdExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pods/{name}/log} is proxied to the kubelet named in the Node's status. The kubelet side arrives
 * with its own issue; here a small HTTP server answers {@code /containerLogs/...} the way it will.
 */
class PodLogIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestServer api;
    static HttpServer kubelet;

    @BeforeAll
    static void start() throws IOException {
        api = new TestServer(etcd);
        kubelet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kubelet.createContext("/containerLogs/default/logged/app", exchange -> {
            byte[] body = ("hello from app, query=" + exchange.getRequestURI().getQuery() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        kubelet.start();
        api.post("/api/v1/nodes", node("node-up", kubelet.getAddress().getPort()));
        api.post("/api/v1/nodes", node("node-down", 1));
    }

    @AfterAll
    static void stop() {
        kubelet.stop(0);
        api.close();
    }

    static String node(String name, int port) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\"},\"status\":{"
                + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
                + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + port + "}}}}";
    }

    static String pod(String name, String node) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + (node == null ? "" : "\"nodeName\":\"" + node + "\",")
                + "\"containers\":[{\"name\":\"app\",\"image\":\"i:1\"},{\"name\":\"side\",\"image\":\"i:1\"}]}}";
    }

    @Test
    void theLogComesFromTheKubeletOfThePodsNode() {
        api.post("/api/v1/namespaces/default/pods", pod("logged", "node-up"));
        TestServer.Response log = api.get("/api/v1/namespaces/default/pods/logged/log?container=app&tailLines=5");
        assertEquals(200, log.code(), log.body());
        assertEquals("hello from app, query=tailLines=5\n", log.body());
    }

    @Test
    void aMultiContainerPodNeedsAContainerName() {
        api.post("/api/v1/namespaces/default/pods", pod("two", "node-up"));
        TestServer.Response log = api.get("/api/v1/namespaces/default/pods/two/log");
        assertEquals(400, log.code());
        assertEquals("a container name must be specified for pod two, choose one of: [app, side]", log.json().path("message").asText());
    }

    @Test
    void anUnscheduledPodHasNoLog() {
        api.post("/api/v1/namespaces/default/pods", pod("nowhere", null));
        TestServer.Response log = api.get("/api/v1/namespaces/default/pods/nowhere/log?container=app");
        assertEquals(400, log.code());
        assertEquals("Status", log.json().path("kind").asText());
    }

    @Test
    void anUnreachableKubeletIs503() {
        api.post("/api/v1/namespaces/default/pods", pod("stranded", "node-down"));
        TestServer.Response log = api.get("/api/v1/namespaces/default/pods/stranded/log?container=app");
        assertEquals(503, log.code(), log.body());
        assertEquals("Status", log.json().path("kind").asText());
    }
}
