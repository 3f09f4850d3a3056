package io.tugboat.controllermanager.endpoint;

import static io.tugboat.controllermanager.endpoint.EndpointFixtures.pod;
import static io.tugboat.controllermanager.endpoint.EndpointFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointSubset;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subsets of a Service's Endpoints from its pods, as Kubernetes' endpoints controller computes them. Each
 * subset is written {@code ready [ips] notReady [ips] ports [name:port]}.
 */
class EndpointSubsetsTest {
    static final String HTTP_80 = "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":80,\"protocol\":\"TCP\"}]";
    static final String HTTP_NAMED = "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"web\",\"protocol\":\"TCP\"}]";

    static Pod terminating(Pod pod) {
        return pod.withMetadata(pod.metadata().withDeletionTimestamp(Instant.parse("2024-01-01T00:00:00Z")));
    }

    static Pod finished(Pod pod, String phase) {
        return pod.withStatus(pod.status().withPhase(phase));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no pods: no subsets", HTTP_80, List.of(), List.of()),
                Arguments.of("ready pods are addresses, sorted by IP", HTTP_80,
                        List.of(pod("b", "10.244.2.3", true, null, 0), pod("a", "10.244.1.5", true, null, 0)),
                        List.of("ready [10.244.1.5, 10.244.2.3] notReady [] ports [http:80]")),
                Arguments.of("a not-ready pod is a notReadyAddress of the same subset", HTTP_80,
                        List.of(pod("a", "10.244.1.5", true, null, 0), pod("b", "10.244.2.3", false, null, 0)),
                        List.of("ready [10.244.1.5] notReady [10.244.2.3] ports [http:80]")),
                Arguments.of("publishNotReadyAddresses lists every pod as ready", HTTP_80 + ",\"publishNotReadyAddresses\":true",
                        List.of(pod("a", "10.244.1.5", true, null, 0), pod("b", "10.244.2.3", false, null, 0)),
                        List.of("ready [10.244.1.5, 10.244.2.3] notReady [] ports [http:80]")),
                Arguments.of("pods without an IP are left out", HTTP_80,
                        List.of(pod("a", "10.244.1.5", true, null, 0), pod("b", null, false, null, 0)),
                        List.of("ready [10.244.1.5] notReady [] ports [http:80]")),
                Arguments.of("terminating pods are left out", HTTP_80,
                        List.of(pod("a", "10.244.1.5", true, null, 0), terminating(pod("b", "10.244.2.3", true, null, 0))),
                        List.of("ready [10.244.1.5] notReady [] ports [http:80]")),
                Arguments.of("terminating pods stay with publishNotReadyAddresses", HTTP_80 + ",\"publishNotReadyAddresses\":true",
                        List.of(terminating(pod("b", "10.244.2.3", true, null, 0))),
                        List.of("ready [10.244.2.3] notReady [] ports [http:80]")),
                Arguments.of("finished pods are left out", HTTP_80,
                        List.of(finished(pod("a", "10.244.1.5", false, null, 0), "Succeeded"),
                                finished(pod("b", "10.244.2.3", false, null, 0), "Failed")),
                        List.of()),
                Arguments.of("a named targetPort is resolved per pod: different numbers, separate subsets", HTTP_NAMED,
                        List.of(pod("a", "10.244.1.5", true, "web", 8080), pod("b", "10.244.2.3", false, "web", 8080),
                                pod("c", "10.244.2.4", true, "web", 9090)),
                        List.of("ready [10.244.1.5] notReady [10.244.2.3] ports [http:8080]",
                                "ready [10.244.2.4] notReady [] ports [http:9090]")),
                Arguments.of("a pod without the named port is left out", HTTP_NAMED,
                        List.of(pod("a", "10.244.1.5", true, "web", 8080), pod("b", "10.244.2.3", true, "other", 8080)),
                        List.of("ready [10.244.1.5] notReady [] ports [http:8080]")),
                Arguments.of("ports with the same addresses share a subset", """
                        "ports":[{"name":"http","port":80,"targetPort":80,"protocol":"TCP"},
                                 {"name":"metrics","port":9100,"targetPort":9100,"protocol":"TCP"}]""",
                        List.of(pod("a", "10.244.1.5", true, null, 0)),
                        List.of("ready [10.244.1.5] notReady [] ports [http:80, metrics:9100]")),
                Arguments.of("ports offered by different pods get subsets of their own", """
                        "ports":[{"name":"http","port":80,"targetPort":80,"protocol":"TCP"},
                                 {"name":"admin","port":81,"targetPort":"admin","protocol":"TCP"}]""",
                        List.of(pod("a", "10.244.1.5", true, "admin", 8081), pod("b", "10.244.2.3", true, null, 0)),
                        List.of("ready [10.244.1.5] notReady [] ports [admin:8081]",
                                "ready [10.244.1.5, 10.244.2.3] notReady [] ports [http:80]")),
                Arguments.of("a headless Service without ports lists bare addresses", "\"clusterIP\":\"None\"",
                        List.of(pod("a", "10.244.1.5", true, null, 0), pod("b", "10.244.2.3", false, null, 0)),
                        List.of("ready [10.244.1.5] notReady [10.244.2.3] ports []")),
                Arguments.of("a Service with an IP and no ports gets no addresses", "",
                        List.of(pod("a", "10.244.1.5", true, null, 0)),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void subsetsFollowKubernetes(String name, String spec, List<Pod> pods, List<String> expected) {
        assertEquals(expected, EndpointSubsets.of(service(spec), pods).stream().map(EndpointSubsetsTest::describe).toList());
    }

    @Test
    void addressesCarryTheirPodNodeAndHostnameWhenTheSubdomainIsTheService() {
        Pod a = pod("a", "10.244.1.5", true, null, 0);
        a = a.withSpec(a.spec().withHostname("web-0").withSubdomain("web"));
        Pod b = pod("b", "10.244.2.3", true, null, 0);
        b = b.withSpec(b.spec().withHostname("web-1").withSubdomain("other"));
        Service headless = service("\"clusterIP\":\"None\"");
        List<EndpointAddress> addresses = EndpointSubsets.of(headless, List.of(a, b)).get(0).addresses();
        assertEquals("web-0", addresses.get(0).hostname());
        assertEquals(null, addresses.get(1).hostname(), "subdomain names another service");
        assertEquals("node-1", addresses.get(0).nodeName());
        assertEquals("Pod", addresses.get(0).targetRef().kind());
        assertEquals("a", addresses.get(0).targetRef().name());
        assertEquals("uid-a", addresses.get(0).targetRef().uid());
        assertEquals("default", addresses.get(0).targetRef().namespace());
    }

    @Test
    void theSameInputsInAnotherOrderGiveTheSameSubsets() {
        List<Pod> pods = List.of(pod("a", "10.244.1.5", true, "web", 8080), pod("b", "10.244.2.3", false, "web", 8080),
                pod("c", "10.244.2.4", true, "web", 9090));
        Service svc = service(HTTP_NAMED);
        List<Pod> reversed = new java.util.ArrayList<>(pods);
        java.util.Collections.reverse(reversed);
        assertEquals(EndpointSubsets.of(svc, pods), EndpointSubsets.of(svc, reversed));
    }

    static String describe(EndpointSubset subset) {
        return "ready " + ips(subset.addresses()) + " notReady " + ips(subset.notReadyAddresses()) + " ports "
                + (subset.ports() == null ? "[]" : subset.ports().stream().map(p -> p.name() + ":" + p.port())
                .collect(Collectors.toList()));
    }

    static List<String> ips(List<EndpointAddress> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(EndpointAddress::ip).toList();
    }
}
