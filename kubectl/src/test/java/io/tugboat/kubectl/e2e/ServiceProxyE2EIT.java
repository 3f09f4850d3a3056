package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ListOptions;
import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service proxy as {@code tug up --nodes=2} runs it: two kubelet processes on one host, each with a proxy,
 * exactly one writing the rules. Three web pods of a Deployment spread over both nodes back a ClusterIP and a
 * NodePort Service; a client pod reaches every backend through the ClusterIP, the host through the NodePort.
 * When the writing kubelet dies the other one takes over and keeps the rules in step; {@code tug down} leaves no
 * rule behind.
 *
 * <p>The Services have no selector and the test writes their Endpoints from the pods' addresses, as a user may
 * for selector-less Services: the proxy is what is tested here, not the endpoints controller.
 */
class ServiceProxyE2EIT {
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
                    command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
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
              ports:
              - {name: http, port: 80, targetPort: 8080}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web-np
            spec:
              type: NodePort
              ports:
              - {name: http, port: 80, targetPort: 8080}
            """;

    @Test
    void oneKubeletWritesTheRulesPodsAndTheHostReachEveryBackendAndTugDownRemovesThem() throws Exception {
        Path routeLocalnet = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
        String routeLocalnetBefore = Files.readString(routeLocalnet);
        UpCluster cluster = UpCluster.start("svcproxy", 2);
        try {
            CommandRunner run = cluster.runner();
            ApiClient client = ApiClient.fromKubeconfig(cluster.kubeconfig().toString(), null).build();
            CommandRunner.Result applied = run.tugWithInput(MANIFESTS, "apply", "-f", "-");
            assertEquals(0, applied.code(), applied::toString);
            // rollout status, not "wait pod -l": right after the apply the ReplicaSet may not have made a pod yet,
            // and "wait -l" on no match fails at once ("no matching resources found"), as it did in CI under load
            CommandRunner.Result ready = run.kubectl("rollout", "status", "deployment/web", "--timeout=120s");
            assertEquals(0, ready.code(), () -> ready + "\n" + cluster.logTails());
            CommandRunner.Result clientReady = run.kubectl("wait", "--for=condition=Ready", "pod/client", "--timeout=120s");
            assertEquals(0, clientReady.code(), () -> clientReady + "\n" + cluster.logTails());

            Map<String, String> backends = webPods(client); // pod name → IP
            assertEquals(3, backends.size(), backends::toString);
            writeEndpoints(client, "web", backends.values());
            writeEndpoints(client, "web-np", backends.values());
            Service web = client.resources(ResourceKinds.SERVICES).inNamespace("default").get("web");
            String vip = web.spec().clusterIP();

            // 60 requests from a pod, each a new connection, so each one is balanced anew.
            String loop = "for i in $(seq 60); do wget -q -O- http://" + vip + "/; done";
            String[] answers = new String[1];
            Eventually.until("60 requests from the client pod reach every backend", WAIT, () -> {
                CommandRunner.Result r = run.kubectl("exec", "client", "--", "sh", "-c", loop);
                answers[0] = r.out();
                return new HashSet<>(Arrays.asList(r.out().strip().split("\\s+"))).equals(backends.keySet());
            });

            int nodePort = client.resources(ResourceKinds.SERVICES).inNamespace("default").get("web-np")
                    .spec().ports().get(0).nodePort();
            String host = hostAddress();
            Set<String> seen = new HashSet<>();
            Eventually.until("the NodePort answers on " + host + ":" + nodePort + " from every backend", WAIT, () -> {
                seen.add(get(host, nodePort));
                return seen.containsAll(backends.keySet());
            });

            int writer = writerKubelet(cluster);
            int standby = 3 - writer;
            cluster.kill(cluster.kubelet(writer));
            Eventually.until("the other kubelet's proxy takes over", WAIT, () -> writes(cluster, standby));
            // The new writer keeps the rules in step: one backend fewer in the Endpoints, one fewer answering.
            String dropped = backends.keySet().iterator().next();
            Map<String, String> rest = new TreeMap<>(backends);
            rest.remove(dropped);
            writeEndpoints(client, "web-np", rest.values());
            Eventually.until("the new writer removed " + dropped + " from the NodePort", WAIT, () -> {
                Set<String> lately = new HashSet<>();
                for (int i = 0; i < 30; i++) {
                    lately.add(get(host, nodePort));
                }
                return lately.equals(rest.keySet());
            });
        } finally {
            cluster.close();
        }
        String rules = run("iptables-save");
        assertFalse(rules.contains(":TUG-") || rules.contains("-j TUG-"), "tug down left proxy rules:\n" + rules);
        // The killed writer set route_localnet; its successor, which found it set, restores it all the same.
        assertEquals(routeLocalnetBefore, Files.readString(routeLocalnet), "route_localnet as before the cluster");
    }

    static Map<String, String> webPods(ApiClient client) throws Exception {
        List<Pod> pods = client.resources(ResourceKinds.PODS).inNamespace("default")
                .list(ListOptions.none().withLabelSelector("app=web")).items();
        return pods.stream().collect(Collectors.toMap(p -> p.metadata().name(), p -> p.status().podIP(), (a, b) -> a, TreeMap::new));
    }

    static void writeEndpoints(ApiClient client, String service, java.util.Collection<String> ips) throws Exception {
        var endpoints = client.resources(ResourceKinds.ENDPOINTS).inNamespace("default");
        List<EndpointSubset> subsets = List.of(new EndpointSubset(ips.stream().map(ip -> new EndpointAddress(ip, null, null, null))
                .toList(), List.of(), List.of(new EndpointPort("http", 8080, "TCP", null))));
        try {
            Endpoints existing = endpoints.get(service);
            endpoints.update(existing.withSubsets(subsets));
        } catch (io.tugboat.client.ApiException e) {
            endpoints.create(Endpoints.of(new io.tugboat.api.meta.ObjectMeta(service, null, "default", null, null, null, null,
                    null, null, null, null, null, null, null), subsets));
        }
    }

    /** Which kubelet's log says its proxy writes the rules (1 or 2); fails unless exactly one does. */
    static int writerKubelet(UpCluster cluster) {
        boolean first = writes(cluster, 1);
        boolean second = writes(cluster, 2);
        assertTrue(first ^ second, "exactly one kubelet's proxy writes: node 1 " + first + ", node 2 " + second);
        return first ? 1 : 2;
    }

    static boolean writes(UpCluster cluster, int node) {
        Path log = cluster.dataDir().resolve("logs").resolve(cluster.kubelet(node) + ".log");
        try {
            return Files.isRegularFile(log) && Files.readString(log).contains("writes the rules of this network namespace");
        } catch (IOException e) {
            return false;
        }
    }

    static String get(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return body > 0 && response.contains(" 200 ") ? response.substring(body + 4).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String hostAddress() throws Exception {
        String[] words = run("ip", "-4", "route", "get", "1.1.1.1").split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("src")) {
                return words[i + 1];
            }
        }
        throw new AssertionError("no source address for the default route");
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
