package io.tugboat.controllermanager.endpointslice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.Service;
import io.tugboat.api.discovery.Endpoint;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.meta.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice plans, checked on a simulated store: each case applies the plan (creates get names
 * {@code web-1}, {@code web-2}...), compares the resulting slices, written {@code ports | endpoints} with each
 * endpoint as {@code ip(r,s,t)} for its ready/serving/terminating conditions, and plans again to check that
 * nothing more is to be done.
 */
class SlicePlannerTest {
    static final String HTTP_NAMED = "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"web\",\"protocol\":\"TCP\"}]";
    static final Service WEB = service(HTTP_NAMED);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no pods: one empty placeholder slice", WEB, 100, List.of(), List.of(),
                        List.of("<none> | []"), "1 create"),
                Arguments.of("ready and not-ready pods share a slice", WEB, 100,
                        List.of(pod("a", "10.244.1.5", true, 8080), pod("b", "10.244.2.3", false, 8080)), List.of(),
                        List.of("http:8080 | [10.244.1.5(r,s,-), 10.244.2.3(-,-,-)]"), "1 create"),
                Arguments.of("a terminating pod stays, marked, not ready but still serving", WEB, 100,
                        List.of(terminating(pod("a", "10.244.1.5", true, 8080))), List.of(),
                        List.of("http:8080 | [10.244.1.5(-,s,t)]"), "1 create"),
                Arguments.of("publishNotReadyAddresses makes every endpoint ready",
                        service(HTTP_NAMED + ",\"publishNotReadyAddresses\":true"), 100,
                        List.of(pod("a", "10.244.1.5", false, 8080)), List.of(),
                        List.of("http:8080 | [10.244.1.5(r,-,-)]"), "1 create"),
                Arguments.of("pods without an IP and finished pods are left out", WEB, 100,
                        List.of(pod("a", null, false, 8080), finished(pod("b", "10.244.2.3", false, 8080))), List.of(),
                        List.of("<none> | []"), "1 create"),
                Arguments.of("different numbers for a named port: one slice per port list", WEB, 100,
                        List.of(pod("a", "10.244.1.5", true, 8080), pod("b", "10.244.2.3", true, 9090)), List.of(),
                        List.of("http:8080 | [10.244.1.5(r,s,-)]", "http:9090 | [10.244.2.3(r,s,-)]"), "2 creates"),
                Arguments.of("at most max endpoints per slice", WEB, 2,
                        IntStream.range(1, 6).mapToObj(i -> pod("p" + i, "10.244.1." + i, true, 8080)).toList(), List.of(),
                        List.of("http:8080 | [10.244.1.1(r,s,-), 10.244.1.2(r,s,-)]",
                                "http:8080 | [10.244.1.3(r,s,-), 10.244.1.4(r,s,-)]",
                                "http:8080 | [10.244.1.5(r,s,-)]"), "3 creates"),
                Arguments.of("a slice that says the right thing is left alone", WEB, 100,
                        List.of(pod("a", "10.244.1.5", true, 8080)),
                        List.of(slice("web-1", WEB, 8080, pod("a", "10.244.1.5", true, 8080))),
                        List.of("http:8080 | [10.244.1.5(r,s,-)]"), "nothing"),
                Arguments.of("a pod turning unready updates its slice", WEB, 100,
                        List.of(pod("a", "10.244.1.5", false, 8080)),
                        List.of(slice("web-1", WEB, 8080, pod("a", "10.244.1.5", true, 8080))),
                        List.of("http:8080 | [10.244.1.5(-,-,-)]"), "1 update"),
                Arguments.of("a new pod fills the room in an existing slice instead of a new one", WEB, 2,
                        List.of(pod("a", "10.244.1.5", true, 8080), pod("c", "10.244.1.7", true, 8080),
                                pod("d", "10.244.1.8", true, 8080)),
                        List.of(slice("web-1", WEB, 8080, pod("a", "10.244.1.5", true, 8080), pod("b", "10.244.1.6", true, 8080)),
                                slice("web-2", WEB, 8080, pod("c", "10.244.1.7", true, 8080))),
                        List.of("http:8080 | [10.244.1.5(r,s,-), 10.244.1.8(r,s,-)]", "http:8080 | [10.244.1.7(r,s,-)]"),
                        "1 update"),
                Arguments.of("the last pod gone: the slice becomes the placeholder", WEB, 100, List.of(),
                        List.of(slice("web-1", WEB, 8080, pod("a", "10.244.1.5", true, 8080))),
                        List.of("<none> | []"), "1 update"),
                Arguments.of("pods back: the placeholder goes", WEB, 100, List.of(pod("a", "10.244.1.5", true, 8080)),
                        List.of(slice("web-1", WEB, -1)),
                        List.of("http:8080 | [10.244.1.5(r,s,-)]"), "1 create, 1 delete"),
                Arguments.of("a slice of an earlier Service of the same name is deleted", WEB, 100,
                        List.of(pod("a", "10.244.1.5", true, 8080)),
                        List.of(slice("web-1", service(HTTP_NAMED).withMetadata(WEB.metadata().withUid("uid-old")), 8080,
                                pod("a", "10.244.1.5", true, 8080))),
                        List.of("http:8080 | [10.244.1.5(r,s,-)]"), "1 create, 1 delete"),
                Arguments.of("a changed port list moves endpoints to a new slice", WEB, 100,
                        List.of(pod("a", "10.244.1.5", true, 9090)),
                        List.of(slice("web-1", WEB, 8080, pod("a", "10.244.1.5", true, 8080))),
                        List.of("http:9090 | [10.244.1.5(r,s,-)]"), "1 create, 1 delete"),
                Arguments.of("a headless Service without ports has slices without ports", service("\"clusterIP\":\"None\""), 100,
                        List.of(pod("a", "10.244.1.5", true, 8080)), List.of(),
                        List.of(" | [10.244.1.5(r,s,-)]"), "1 create"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMakesTheSlicesRightAndThenNothingIsLeftToDo(String name, Service service, int max, List<Pod> pods,
                                                         List<EndpointSlice> existing, List<String> expected, String writes) {
        SlicePlanner planner = new SlicePlanner(max);
        SlicePlan plan = planner.plan(service, pods, existing);
        assertEquals(writes, summary(plan));
        List<EndpointSlice> after = apply(existing, plan);
        assertEquals(expected, after.stream().map(SlicePlannerTest::describe).toList());
        assertTrue(planner.plan(service, pods, after).isEmpty(), "a second plan has nothing to do");
    }

    @Test
    void newSlicesAreLabelledNamedAndOwnedAsKubernetesDoes() {
        Pod a = pod("a", "10.244.1.5", true, 8080);
        a = a.withSpec(a.spec().withHostname("web-0").withSubdomain("web"));
        EndpointSlice slice = new SlicePlanner(100).plan(WEB, List.of(a), List.of()).creates().get(0);
        assertEquals("web-", slice.metadata().generateName());
        assertNull(slice.metadata().name());
        assertEquals("default", slice.metadata().namespace());
        assertEquals(Map.of("tier", "front", "kubernetes.io/service-name", "web",
                "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"), slice.metadata().labels());
        assertEquals(List.of(new OwnerReference("v1", "Service", "web", "uid-svc", true, true)),
                slice.metadata().ownerReferences());
        assertEquals("IPv4", slice.addressType());
        Endpoint endpoint = slice.endpoints().get(0);
        assertEquals("web-0", endpoint.hostname());
        assertEquals("node-1", endpoint.nodeName());
        assertEquals("a", endpoint.targetRef().name());
        assertEquals("Pod", endpoint.targetRef().kind());
        assertEquals("TCP", slice.ports().get(0).protocol());
    }

    @Test
    void aHeadlessServicesSlicesCarryTheHeadlessLabel() {
        EndpointSlice slice = new SlicePlanner(100).plan(service("\"clusterIP\":\"None\""), List.of(), List.of())
                .creates().get(0);
        assertEquals("", slice.metadata().labels().get("service.kubernetes.io/headless"));
    }

    // ------------------------------------------------------------------ fixtures and the simulated store

    static Service service(String spec) {
        return decode("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","uid":"uid-svc","labels":{"tier":"front"}},
                 "spec":{"selector":{"app":"web"},%s}}""".formatted(spec), Service.class);
    }

    static Pod pod(String name, String ip, boolean ready, int webPort) {
        String status = ip == null ? "{\"phase\":\"Pending\"}" : """
                {"phase":"Running","podIP":"%s","conditions":[{"type":"Ready","status":"%s"}]}"""
                .formatted(ip, ready ? "True" : "False");
        return decode("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","uid":"uid-%s","labels":{"app":"web"}},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"busybox","ports":[{"name":"web","containerPort":%d}]}]},
                 "status":%s}""".formatted(name, name, webPort, status), Pod.class);
    }

    static Pod terminating(Pod pod) {
        return pod.withMetadata(pod.metadata().withDeletionTimestamp(Instant.parse("2024-01-01T00:00:00Z")));
    }

    static Pod finished(Pod pod) {
        return pod.withStatus(pod.status().withPhase("Succeeded").withConditions(
                List.of(new PodCondition("Ready", "False", null, null, null, null))));
    }

    /** A slice as the controller would have written it for {@code pods} ({@code port} -1: a placeholder). */
    static EndpointSlice slice(String name, Service service, int port, Pod... pods) {
        Pod template = pod("template", "10.0.0.1", true, port);
        EndpointSlice made = port < 0
                ? new SlicePlanner(100).plan(service, List.of(), List.of()).creates().get(0)
                : new SlicePlanner(100).plan(service, List.of(template), List.of()).creates().get(0);
        List<Endpoint> endpoints = Stream.of(pods).map(p -> SlicePlanner.endpoint(service, p)).toList();
        return made.withMetadata(made.metadata().withName(name).withGenerateName(null).withResourceVersion("1"))
                .withEndpoints(port < 0 ? null : endpoints);
    }

    static List<EndpointSlice> apply(List<EndpointSlice> existing, SlicePlan plan) {
        List<EndpointSlice> out = new ArrayList<>();
        for (EndpointSlice slice : existing) {
            boolean deleted = plan.deletes().stream().anyMatch(d -> d.metadata().name().equals(slice.metadata().name()));
            EndpointSlice updated = plan.updates().stream().filter(u -> u.metadata().name().equals(slice.metadata().name()))
                    .findFirst().orElse(slice);
            if (!deleted) {
                out.add(updated);
            }
        }
        int n = existing.size();
        for (EndpointSlice created : plan.creates()) {
            out.add(created.withMetadata(created.metadata().withName("web-" + ++n).withGenerateName(null)));
        }
        return out;
    }

    static String summary(SlicePlan plan) {
        List<String> parts = new ArrayList<>();
        count(parts, plan.creates().size(), "create");
        count(parts, plan.updates().size(), "update");
        count(parts, plan.deletes().size(), "delete");
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static void count(List<String> parts, int n, String what) {
        if (n > 0) {
            parts.add(n + " " + what + (n > 1 ? "s" : ""));
        }
    }

    static String describe(EndpointSlice slice) {
        String ports = slice.ports() == null ? "<none>"
                : slice.ports().stream().map(p -> p.name() + ":" + p.port()).collect(Collectors.joining(","));
        List<String> endpoints = slice.endpoints() == null ? List.of() : slice.endpoints().stream()
                .map(e -> e.addresses().get(0) + "(" + flag(e.conditions().ready(), "r") + "," + flag(e.conditions().serving(), "s")
                        + "," + flag(e.conditions().terminating(), "t") + ")").toList();
        return ports + " | " + endpoints;
    }

    private static String flag(Boolean value, String letter) {
        return Boolean.TRUE.equals(value) ? letter : "-";
    }

    static <T> T decode(String json, Class<T> type) {
        try {
            return Codec.fromJson(json.getBytes(StandardCharsets.UTF_8), type).value();
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }
}
