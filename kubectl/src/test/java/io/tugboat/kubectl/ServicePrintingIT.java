package io.tugboat.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodStatus;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Controllers;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Services, Endpoints and EndpointSlices as {@code tug} and the real kubectl print them, on an API server with
 * the endpoints and EndpointSlice controllers running: four ready pods and one not ready behind {@code web}, a
 * headless Service, and a Service without pods.
 */
class ServicePrintingIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static ControllerManager controllers;
    static CommandRunner run;

    static final String OBJECTS = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, labels: {app: web}}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}, {name: metrics, port: 9100}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              clusterIP: None
              selector: {app: db}
              ports: [{port: 5432}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: empty}
            spec:
              type: NodePort
              selector: {app: nothing}
              ports: [{port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: lonely}
            spec:
              selector: {app: lonely}
              ports: [{name: http, port: 80, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: manual}
            spec:
              ports: [{port: 5432}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: unmirrored}
            spec:
              ports: [{port: 5432}]
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: manual}
            subsets: [{addresses: [{ip: 192.0.2.10}, {ip: 192.0.2.11}], ports: [{port: 5432}]}]
            """;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(etcd);
        controllers = new ControllerManager(cluster.client(),
                Controllers.builtIn().select(List.of("endpoints-controller", "endpointslice-controller",
                        "endpointslice-mirroring-controller")),
                ControllerManagerOptions.defaults(), Clock.systemUTC());
        controllers.start();
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        run = new CommandRunner(kubeconfig, Files.createDirectories(dir.resolve("cache")));
        CommandRunner.Result created = run.kubectlWithInput(OBJECTS, "create", "-f", "-");
        assertEquals(0, created.code(), created.toString());
        ApiClient client = cluster.client();
        for (int i = 1; i <= 5; i++) {
            runPod(client, "web-" + i, "web", "10.244." + i + ".5", i != 5);
        }
        runPod(client, "db-0", "db", "10.244.1.9", true);
        runPod(client, "lonely-0", "lonely", "10.244.1.10", false);
        Eventually.until("web's endpoints list four ready pods and db's one", Duration.ofSeconds(60), () -> {
            try {
                Endpoints web = client.resources(ResourceKinds.ENDPOINTS).inNamespace("default").get("web");
                Endpoints db = client.resources(ResourceKinds.ENDPOINTS).inNamespace("default").get("db");
                int slices = client.resources(ResourceKinds.ENDPOINT_SLICES).inNamespace("default")
                        .list(ListOptions.none()).items().stream().mapToInt(s -> s.endpoints() == null ? 0 : s.endpoints().size())
                        .sum();
                Endpoints lonely = client.resources(ResourceKinds.ENDPOINTS).inNamespace("default").get("lonely");
                return web.subsets() != null && web.subsets().get(0).addresses().size() == 4 && db.subsets() != null
                        && lonely.subsets() != null && slices == 9;
            } catch (ApiException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopCluster() {
        if (controllers != null) {
            controllers.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A pod with a container port named http (8080), given an IP and readiness as a kubelet would. */
    static void runPod(ApiClient client, String name, String app, String ip, boolean ready) throws Exception {
        Pod pod = Codec.fromJson("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","labels":{"app":"%s"}},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"tugboat/busybox:1",
                   "ports":[{"name":"http","containerPort":8080},{"containerPort":9100}]}]}}"""
                .formatted(name, app).getBytes(StandardCharsets.UTF_8), Pod.class).value();
        var pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        Pod created = pods.create(pod);
        PodStatus status = Codec.fromJson("""
                {"phase":"Running","podIP":"%s","podIPs":[{"ip":"%s"}],"conditions":[{"type":"Ready","status":"%s"}]}"""
                .formatted(ip, ip, ready ? "True" : "False").getBytes(StandardCharsets.UTF_8), PodStatus.class).value();
        pods.updateStatus(created.withStatus(status));
    }

    private static final Pattern AGE = Pattern.compile("\\b\\d+(s|m|h|d|y)(\\d+(s|m|h))?\\b");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "get svc,ep", "get ep", "get ep web", "get endpoints db -o wide", "get endpointslices",
            "get endpointslices.discovery.k8s.io -l kubernetes.io/service-name=web", "get svc -o wide",
            "describe svc web", "describe svc db", "describe svc empty", "describe svc lonely", "get ep lonely", "describe ep lonely", "describe svc manual", "describe svc unmirrored", "describe svc",
            "describe ep web", "describe ep", "describe endpointslices -l kubernetes.io/service-name=web", "describe endpointslices"})
    void printsWhatKubectlPrints(String line) {
        String[] args = line.split(" ");
        CommandRunner.Result expected = run.kubectl(args);
        CommandRunner.Result actual = run.tug(args);
        assertEquals(0, expected.code(), expected.toString());
        if (!expected.equals(actual)) {
            assertEquals(normalize(expected), normalize(actual), "tug " + line);
        }
    }

    @Test
    void theEndpointsColumnShowsThreeAddressesThenHowManyMore() {
        CommandRunner.Result result = run.tug("get", "ep", "web");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("10.244.1.5:8080,10.244.2.5:8080,10.244.3.5:8080 + 5 more..."), result.out());
        CommandRunner.Result describe = run.kubectl("describe", "svc", "web");
        assertTrue(describe.out().contains("10.244.1.5:8080,10.244.2.5:8080,10.244.3.5:8080 + 1 more..."), describe.out());
    }

    private static String normalize(CommandRunner.Result result) {
        return "exit " + result.code() + "\n" + AGE.matcher(result.out()).replaceAll("<age>").replaceAll(" +", " ")
                + "--- err\n" + result.err().replace("kubectl", "tug");
    }
}
