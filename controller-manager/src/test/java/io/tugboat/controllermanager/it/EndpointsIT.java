package io.tugboat.controllermanager.it;

import static io.tugboat.controllermanager.it.ItSupport.eventually;
import static io.tugboat.controllermanager.it.ItSupport.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.Service;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endpoints and EndpointSlice controllers on a real API server and etcd. Pods are created through the API and given an IP and
 * a Ready condition through their status, as a kubelet would; each test has a Service of its own.
 */
class EndpointsIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ApiClient client;
    static ControllerManager controllers;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        controllers = ItSupport.startControllers(cluster, ControllerManagerOptions.defaults(), "endpoints-controller",
                "endpointslice-controller", "endpointslice-mirroring-controller");
    }

    @AfterAll
    static void stop() {
        controllers.stop();
        cluster.close();
    }

    @Test
    void readyPodsAreAddressesNotReadyOnesNotReadyAddressesAndAPodBecomingReadyMoves() throws Exception {
        createService("ready", "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080}]");
        runPod("ready-a", "ready", "10.244.1.5", true, null, 0);
        runPod("ready-b", "ready", "10.244.2.3", false, null, 0);
        eventually("one ready and one not-ready address",
                () -> subsets("ready").equals(List.of("ready [10.244.1.5:8080] notReady [10.244.2.3:8080]")));

        setReady("ready-b", true);
        eventually("both ready", () -> subsets("ready").equals(List.of("ready [10.244.1.5:8080, 10.244.2.3:8080] notReady []")));
        Endpoints ep = endpoints("ready").orElseThrow();
        EndpointAddress a = ep.subsets().get(0).addresses().get(0);
        assertEquals("ready-a", a.targetRef().name());
        assertEquals("Pod", a.targetRef().kind());
        assertEquals("node-1", a.nodeName());
        assertEquals("front", ep.metadata().labels().get("tier"), "the Service's labels are copied");
    }

    @Test
    void publishNotReadyAddressesListsNotReadyPodsAsReady() throws Exception {
        createService("publish", "\"ports\":[{\"name\":\"http\",\"port\":80}],\"publishNotReadyAddresses\":true");
        runPod("publish-a", "publish", "10.244.1.6", false, null, 0);
        eventually("the not-ready pod is an address", () -> subsets("publish").equals(List.of("ready [10.244.1.6:80] notReady []")));
    }

    @Test
    void namedTargetPortsAreResolvedPerPod() throws Exception {
        createService("named", "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"web\"}]");
        runPod("named-a", "named", "10.244.1.7", true, "web", 8080);
        runPod("named-b", "named", "10.244.2.7", true, "web", 9090);
        runPod("named-c", "named", "10.244.2.8", true, "other", 8080);
        eventually("one subset per port number, the pod without the port left out", () -> subsets("named").equals(
                List.of("ready [10.244.1.7:8080] notReady []", "ready [10.244.2.7:9090] notReady []")));
    }

    @Test
    void aHeadlessServiceGetsNoClusterIpButEndpointsWithHostnames() throws Exception {
        Service svc = createService("headless", "\"clusterIP\":\"None\"");
        assertEquals("None", svc.spec().clusterIP());
        assertEquals(List.of("None"), svc.spec().clusterIPs());
        Pod pod = pod("headless-0", "headless", "web", 8080);
        pod = pod.withSpec(pod.spec().withHostname("headless-0").withSubdomain("headless"));
        client.resources(ResourceKinds.PODS).inNamespace("default").create(pod);
        setStatus("headless-0", "10.244.1.9", true);
        eventually("a bare address", () -> subsets("headless").equals(List.of("ready [10.244.1.9] notReady []")));
        Endpoints ep = endpoints("headless").orElseThrow();
        assertEquals("headless-0", ep.subsets().get(0).addresses().get(0).hostname());
        assertEquals("", ep.metadata().labels().get("service.kubernetes.io/headless"));
        assertNull(ep.subsets().get(0).ports());
    }

    @Test
    void aSelectorChangeMovesTheEndpointsToTheNewPods() throws Exception {
        createService("moving", "\"ports\":[{\"port\":80}]");
        runPod("moving-a", "moving", "10.244.1.10", true, null, 0);
        Pod other = pod("moving-b", "moving-next", null, 0);
        client.resources(ResourceKinds.PODS).inNamespace("default").create(other);
        setStatus("moving-b", "10.244.1.11", true);
        eventually("the first pod", () -> subsets("moving").equals(List.of("ready [10.244.1.10:80] notReady []")));

        client.resources(ResourceKinds.SERVICES).inNamespace("default")
                .mergePatch("moving", "{\"spec\":{\"selector\":{\"app\":\"moving-next\"}}}");
        eventually("the second pod", () -> subsets("moving").equals(List.of("ready [10.244.1.11:80] notReady []")));
    }

    @Test
    void aDeletedPodLeavesAndADeletedServiceTakesItsEndpoints() throws Exception {
        createService("leaving", "\"ports\":[{\"port\":80}]");
        runPod("leaving-a", "leaving", "10.244.1.12", true, null, 0);
        runPod("leaving-b", "leaving", "10.244.1.13", true, null, 0);
        eventually("two pods", () -> subsets("leaving").equals(List.of("ready [10.244.1.12:80, 10.244.1.13:80] notReady []")));

        // Graceful deletion: the pod is terminating (no kubelet finishes it here) and leaves the endpoints at once.
        client.resources(ResourceKinds.PODS).inNamespace("default").delete("leaving-b");
        eventually("one pod", () -> subsets("leaving").equals(List.of("ready [10.244.1.12:80] notReady []")));

        client.resources(ResourceKinds.SERVICES).inNamespace("default").delete("leaving");
        eventually("the Endpoints are gone", () -> endpoints("leaving").isEmpty());
    }

    @Test
    void endpointsOfAServiceWithoutSelectorAreLeftAlone() throws Exception {
        client.resources(ResourceKinds.SERVICES).inNamespace("default").create(decode("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"external","namespace":"default"},
                 "spec":{"ports":[{"port":5432}]}}""", Service.class));
        client.resources(ResourceKinds.ENDPOINTS).inNamespace("default").create(decode("""
                {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"external","namespace":"default"},
                 "subsets":[{"addresses":[{"ip":"192.0.2.10"}],"ports":[{"port":5432}]}]}""", Endpoints.class));
        client.resources(ResourceKinds.SERVICES).inNamespace("default")
                .mergePatch("external", "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
        // A Service with a selector, queued after the manual one's change, shows the controller has looked.
        createService("witness", "\"ports\":[{\"port\":80}]");
        runPod("witness-a", "witness", "10.244.1.14", true, null, 0);
        eventually("the witness has endpoints", () -> subsets("witness").size() == 1);
        assertEquals(List.of("ready [192.0.2.10:5432] notReady []"), subsets("external"));
        eventually("the hand-written Endpoints are mirrored into a slice", () -> slices("external").equals(List.of("5432 [192.0.2.10(r,-,-)]")));
        assertEquals("endpointslicemirroring-controller.k8s.io",
                sliceList("external").get(0).metadata().labels().get("endpointslice.kubernetes.io/managed-by"));
        assertNull(endpoints("external").orElseThrow().metadata().labels(), "not relabelled either");
    }

    @Test
    void endpointsLeftBehindByAServiceDeletedWhileNoControllerRanAreSweptAtStart() throws Exception {
        client.resources(ResourceKinds.ENDPOINTS).inNamespace("default").create(decode("""
                {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"orphan","namespace":"default"},
                 "subsets":[{"addresses":[{"ip":"192.0.2.20"}],"ports":[{"port":80}]}]}""", Endpoints.class));
        ControllerManager restarted = ItSupport.startControllers(cluster, ControllerManagerOptions.defaults(),
                "endpoints-controller");
        try {
            eventually("the orphan is deleted", () -> endpoints("orphan").isEmpty());
        } finally {
            restarted.stop();
        }
    }

    // ------------------------------------------------------------------ EndpointSlices

    @Test
    void slicesCarryReadyNotReadyAndTerminatingPodsWithTheirConditions() throws Exception {
        createService("sliced", "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"web\"}]");
        runPod("sliced-a", "sliced", "10.244.3.1", true, "web", 8080);
        runPod("sliced-b", "sliced", "10.244.3.2", false, "web", 8080);
        runPod("sliced-c", "sliced", "10.244.3.3", true, "web", 9090);
        eventually("two slices, one per port number", () -> slices("sliced").equals(List.of(
                "http:8080 [10.244.3.1(r,s,-), 10.244.3.2(-,-,-)]", "http:9090 [10.244.3.3(r,s,-)]")));
        EndpointSlice slice = sliceList("sliced").get(0);
        assertEquals("IPv4", slice.addressType());
        assertEquals("endpointslice-controller.k8s.io", slice.metadata().labels().get("endpointslice.kubernetes.io/managed-by"));
        assertEquals("sliced", slice.metadata().labels().get("kubernetes.io/service-name"));
        Service svc = client.resources(ResourceKinds.SERVICES).inNamespace("default").get("sliced");
        assertEquals(svc.metadata().uid(), slice.metadata().ownerReferences().get(0).uid());
        assertTrue(slice.metadata().name().startsWith("sliced-"), slice.metadata().name());
        assertEquals("node-1", slice.endpoints().get(0).nodeName());
        assertEquals("sliced-a", slice.endpoints().get(0).targetRef().name());

        // Graceful deletion: the pod stays in the slice, terminating, no longer ready but still serving.
        client.resources(ResourceKinds.PODS).inNamespace("default").delete("sliced-a");
        eventually("sliced-a terminating", () -> slices("sliced").equals(List.of(
                "http:8080 [10.244.3.1(-,s,t), 10.244.3.2(-,-,-)]", "http:9090 [10.244.3.3(r,s,-)]")));
    }

    @Test
    void aServiceWithoutPodsHasOnePlaceholderSliceAndMoreThanAHundredPodsSpreadOverTwo() throws Exception {
        createService("many", "\"ports\":[{\"port\":80}]");
        eventually("a placeholder", () -> slices("many").equals(List.of("<none> []")));
        for (int i = 1; i <= 105; i++) {
            runPod("many-" + i, "many", "10.244.4." + i, true, null, 0);
        }
        eventually("105 endpoints in two slices, none twice", () -> {
            List<EndpointSlice> all = sliceList("many");
            List<String> ips = all.stream().flatMap(s -> s.endpoints() == null ? java.util.stream.Stream.empty()
                    : s.endpoints().stream()).map(e -> e.addresses().get(0)).toList();
            return all.size() == 2 && ips.size() == 105 && java.util.Set.copyOf(ips).size() == 105
                    && all.stream().allMatch(s -> s.endpoints() != null && s.endpoints().size() <= 100);
        });
        client.resources(ResourceKinds.SERVICES).inNamespace("default").delete("many");
        eventually("the slices go with the Service", () -> sliceList("many").isEmpty());
    }

    @Test
    void aHeadlessServicesSliceHasNoPortsAndTheHostname() throws Exception {
        createService("hl", "\"clusterIP\":\"None\"");
        Pod pod = pod("hl-0", "hl", null, 0);
        client.resources(ResourceKinds.PODS).inNamespace("default").create(pod.withSpec(pod.spec().withHostname("hl-0").withSubdomain("hl")));
        setStatus("hl-0", "10.244.5.1", true);
        eventually("one endpoint", () -> slices("hl").equals(List.of(" [10.244.5.1(r,s,-)]")));
        EndpointSlice slice = sliceList("hl").get(0);
        assertEquals("hl-0", slice.endpoints().get(0).hostname());
        assertEquals("", slice.metadata().labels().get("service.kubernetes.io/headless"));
    }

    // ------------------------------------------------------------------ helpers

    static List<EndpointSlice> sliceList(String service) {
        try {
            List<EndpointSlice> items = new ArrayList<>(client.resources(ResourceKinds.ENDPOINT_SLICES).inNamespace("default")
                    .list(io.tugboat.client.ListOptions.none().withLabelSelector("kubernetes.io/service-name=" + service)).items());
            items.sort(java.util.Comparator.comparing(s -> s.ports() == null || s.ports().isEmpty() ? 0 : s.ports().get(0).port()));
            return items;
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each slice as {@code name:port [ip(r,s,t)]}, by port number. */
    static List<String> slices(String service) {
        return sliceList(service).stream().map(s -> (s.ports() == null ? "<none>" : s.ports().stream()
                        .map(p -> (p.name().isEmpty() ? "" : p.name() + ":") + p.port()).collect(Collectors.joining(",")))
                + " " + (s.endpoints() == null ? List.of() : s.endpoints().stream().map(e -> e.addresses().get(0) + "("
                + (Boolean.TRUE.equals(e.conditions().ready()) ? "r" : "-") + ","
                + (Boolean.TRUE.equals(e.conditions().serving()) ? "s" : "-") + ","
                + (Boolean.TRUE.equals(e.conditions().terminating()) ? "t" : "-") + ")").toList())).toList();
    }


    static Service createService(String name, String spec) throws ApiException {
        return client.resources(ResourceKinds.SERVICES).inNamespace("default").create(decode("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"default","labels":{"tier":"front"}},
                 "spec":{"selector":{"app":"%s"}%s}}""".formatted(name, name, spec.isEmpty() ? "" : "," + spec), Service.class));
    }

    static Pod pod(String name, String app, String portName, int port) {
        String ports = portName == null ? "" : ",\"ports\":[{\"name\":\"%s\",\"containerPort\":%d}]".formatted(portName, port);
        return decode("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","labels":{"app":"%s"}},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"busybox"%s}]}}"""
                .formatted(name, app, ports), Pod.class);
    }

    /** Creates the pod and gives it an IP and a Ready condition, as its kubelet would. */
    static void runPod(String name, String app, String ip, boolean ready, String portName, int port) throws ApiException {
        client.resources(ResourceKinds.PODS).inNamespace("default").create(pod(name, app, portName, port));
        setStatus(name, ip, ready);
    }

    static void setStatus(String name, String ip, boolean ready) throws ApiException {
        var pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        Pod pod = pods.get(name);
        String status = """
                {"phase":"Running","podIP":"%s","podIPs":[{"ip":"%s"}],"conditions":[{"type":"Ready","status":"%s"}]}"""
                .formatted(ip, ip, ready ? "True" : "False");
        pods.updateStatus(pod.withStatus(decode(status, io.tugboat.api.core.PodStatus.class)));
    }

    static void setReady(String name, boolean ready) throws ApiException {
        var pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        Pod pod = pods.get(name);
        pods.updateStatus(pod.withStatus(pod.status().withConditions(
                List.of(new PodCondition("Ready", ready ? "True" : "False", null, null, null, null)))));
    }

    static Optional<Endpoints> endpoints(String name) {
        return find(client, ResourceKinds.ENDPOINTS, "default", name);
    }

    /** The Endpoints' subsets as {@code ready [ip:port] notReady [ip:port]}; empty if there are none. */
    static List<String> subsets(String name) {
        Optional<Endpoints> ep = endpoints(name);
        if (ep.isEmpty() || ep.get().subsets() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (EndpointSubset s : ep.get().subsets()) {
            out.add("ready " + addresses(s.addresses(), s) + " notReady " + addresses(s.notReadyAddresses(), s));
        }
        return out;
    }

    private static List<String> addresses(List<EndpointAddress> addresses, EndpointSubset subset) {
        if (addresses == null) {
            return List.of();
        }
        return addresses.stream().flatMap(a -> subset.ports() == null ? java.util.stream.Stream.of(a.ip())
                : subset.ports().stream().map(p -> a.ip() + ":" + p.port())).collect(Collectors.toList());
    }

    static <T> T decode(String json, Class<T> type) {
        try {
            return Codec.fromJson(json.getBytes(StandardCharsets.UTF_8), type).value();
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }
}
