package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ListOptions;
import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Services as a user meets them on {@code tug up --nodes=2}: the endpoints controller fills Endpoints from the
 * ready pods a Service selects, the pod network gives each node's pods their own subnet, and the service proxy
 * turns both into rules. A Deployment of three web pods behind a ClusterIP Service: a client pod's 60 requests
 * reach every backend; the NodePort answers on the host's address; a pod that stops being Ready stops getting
 * requests; scaled to 0 the Service refuses connections, scaled back to 2 it answers within seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceTrafficE2EIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: httpd
                    image: tugboat/busybox:1
                    command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && touch /tmp/ready && exec httpd -f -p 8080 -h /www"]
                    ports:
                    - {name: http, containerPort: 8080}
                    readinessProbe:
                      exec: {command: ["test", "-f", "/tmp/ready"]}
                      periodSeconds: 1
                      failureThreshold: 1
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: client
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: tugboat/busybox:1
                command: ["sleep", "3600"]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: http}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web-np
            spec:
              type: NodePort
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: 8080}
            """;

    static UpCluster cluster;
    static CommandRunner run;
    static ApiClient client;
    static String vip;

    @BeforeAll
    static void start() throws Exception {
        cluster = UpCluster.start("svctraffic", 2);
        run = cluster.runner();
        client = ApiClient.fromKubeconfig(cluster.kubeconfig().toString(), null).build();
        CommandRunner.Result applied = run.tugWithInput(MANIFESTS, "apply", "-f", "-");
        assertEquals(0, applied.code(), applied::toString);
        for (String what : List.of("pod/client", "deployment/web")) {
            String condition = what.startsWith("pod") ? "condition=Ready" : "condition=Available";
            CommandRunner.Result ready = run.kubectl("wait", "--for=" + condition, what, "--timeout=120s");
            assertEquals(0, ready.code(), () -> ready + "\n" + cluster.logTails());
        }
        vip = client.resources(ResourceKinds.SERVICES).inNamespace("default").get("web").spec().clusterIP();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Set<String> webPods() throws Exception {
        return client.resources(ResourceKinds.PODS).inNamespace("default").list(ListOptions.none().withLabelSelector("app=web"))
                .items().stream().filter(p -> p.metadata().deletionTimestamp() == null).map(p -> p.metadata().name())
                .collect(Collectors.toSet());
    }

    /** {@code n} requests from the client pod to the ClusterIP, each on a new connection; the answers, in order. */
    static List<String> fromClient(int n) {
        return fromClient(n, vip);
    }

    static List<String> fromClient(int n, String host) {
        String loop = "for i in $(seq " + n + "); do wget -q -O- http://" + host + "/ 2>&1; done";
        CommandRunner.Result r = run.kubectl("exec", "client", "--", "sh", "-c", loop);
        return Arrays.stream(r.out().strip().split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    @Order(1)
    void sixtyRequestsFromAPodToTheServicesNameReachEveryBackend() throws Exception {
        Set<String> pods = webPods();
        assertEquals(3, pods.size(), pods::toString);
        // By name: the cluster DNS gives the ClusterIP, the proxy's rules a backend.
        Eventually.until("60 requests from the client to web.default.svc.cluster.local reach all of " + pods, WAIT,
                () -> new HashSet<>(fromClient(60, "web.default.svc.cluster.local")).equals(pods));
    }

    @Test
    @Order(2)
    void theNodePortAnswersOnTheHostsAddressFromEveryBackend() throws Exception {
        int nodePort = client.resources(ResourceKinds.SERVICES).inNamespace("default").get("web-np").spec().ports().get(0).nodePort();
        String host = ServiceProxyE2EIT.hostAddress();
        Set<String> pods = webPods();
        Set<String> seen = new HashSet<>();
        Eventually.until("NodePort " + host + ":" + nodePort + " answers from every backend", WAIT, () -> {
            seen.add(ServiceProxyE2EIT.get(host, nodePort));
            return seen.containsAll(pods);
        });
    }

    @Test
    @Order(3)
    void aBackendThatStopsBeingReadyStopsGettingRequests() throws Exception {
        String unready = new ArrayList<>(webPods()).get(0);
        CommandRunner.Result rm = run.kubectl("exec", unready, "--", "rm", "/tmp/ready");
        assertEquals(0, rm.code(), rm::toString);
        Eventually.until(unready + " is not Ready", WAIT, () -> !ready(unready));
        Eventually.until("30 requests in a row miss " + unready, WAIT, () -> {
            List<String> answers = fromClient(30);
            return answers.size() == 30 && !answers.contains(unready);
        });
        CommandRunner.Result touch = run.kubectl("exec", unready, "--", "touch", "/tmp/ready");
        assertEquals(0, touch.code(), touch::toString);
        Eventually.until(unready + " answers again once Ready", WAIT, () -> fromClient(30).contains(unready));
    }

    @Test
    @Order(4)
    void scaledToZeroTheServiceRefusesAndScaledToTwoItAnswersWithinSeconds() throws Exception {
        long scaledDown = System.nanoTime();
        CommandRunner.Result down = run.tug("scale", "deployment/web", "--replicas=0");
        assertEquals(0, down.code(), down::toString);
        Eventually.until("the Service refuses connections", WAIT, () -> {
            List<String> answers = fromClient(1);
            return answers.size() == 1 && answers.get(0).contains("Connection refused");
        });
        System.out.printf("scaled 3 -> 0: the Service refused %.1f s after the scale command%n", (System.nanoTime() - scaledDown) / 1e9);
        long start = System.nanoTime();
        CommandRunner.Result up = run.tug("scale", "deployment/web", "--replicas=2");
        assertEquals(0, up.code(), up::toString);
        Eventually.until("the Service answers again", WAIT, () -> {
            List<String> answers = fromClient(1);
            return answers.size() == 1 && answers.get(0).startsWith("web-");
        });
        System.out.printf("scaled 0 -> 2: the Service answered %.1f s after the scale command%n", (System.nanoTime() - start) / 1e9);
    }

    static boolean ready(String pod) {
        try {
            Pod p = client.resources(ResourceKinds.PODS).inNamespace("default").get(pod);
            return p.status() != null && p.status().conditions() != null && p.status().conditions().stream()
                    .anyMatch(c -> c.type().equals("Ready") && "True".equals(c.status()));
        } catch (Exception e) {
            return false;
        }
    }
}
