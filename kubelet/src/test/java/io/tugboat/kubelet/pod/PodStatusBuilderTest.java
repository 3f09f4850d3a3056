package io.tugboat.kubelet.pod;

import static io.tugboat.kubelet.pod.Fixtures.container;
import static io.tugboat.kubelet.pod.Fixtures.exited;
import static io.tugboat.kubelet.pod.Fixtures.pod;
import static io.tugboat.kubelet.pod.Fixtures.running;
import static io.tugboat.kubelet.pod.Fixtures.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodStatus;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodStatusBuilderTest {
    private static final Instant NOW = Instant.parse("2024-01-01T00:10:00Z");

    /** Kubernetes' getPhase over two containers a and b. */
    @ParameterizedTest(name = "{0}: a {1}, b {2} -> {3}")
    @CsvSource({
            "Always,    missing,  missing,  Pending",
            "Always,    running,  missing,  Pending",
            "Always,    running,  running,  Running",
            "Always,    running,  exited0,  Running",
            "Always,    exited0,  exited1,  Running",
            "OnFailure, exited0,  exited0,  Succeeded",
            "OnFailure, exited0,  exited1,  Running",
            "Never,     exited0,  exited0,  Succeeded",
            "Never,     exited0,  exited1,  Failed",
            "Never,     running,  exited1,  Running",
            "Never,     oom,      exited0,  Failed",
            "Always,    backoff,  running,  Running",
    })
    void phaseFollowsKubernetesRules(String policy, String a, String b, String phase) {
        List<ContainerInfo> observed = new ArrayList<>(List.of(sandbox(true)));
        Map<String, PodActions.Waiting> waiting = new java.util.HashMap<>();
        add(observed, waiting, "a", a);
        add(observed, waiting, "b", b);
        PodStatus status = PodStatusBuilder.build(pod(policy, null, List.of(container("a"), container("b"))),
                new PodObservation(observed), waiting, Set.of(), Set.of(), "10.0.0.1", NOW);
        assertEquals(phase, status.phase());
    }

    private static void add(List<ContainerInfo> observed, Map<String, PodActions.Waiting> waiting, String name, String state) {
        switch (state) {
            case "running" -> observed.add(running(name + "1", name, 0));
            case "exited0" -> observed.add(exited(name + "1", name, 0, 0, false, null));
            case "exited1" -> observed.add(exited(name + "1", name, 0, 1, false, null));
            case "oom" -> observed.add(exited(name + "1", name, 0, 137, true, null));
            case "backoff" -> {
                observed.add(exited(name + "1", name, 0, 1, false, null));
                waiting.put(name, new PodActions.Waiting("CrashLoopBackOff", "back-off"));
            }
            default -> { }
        }
    }

    @Test
    void aCrashLoopingContainerShowsWaitingWithItsLastTerminationAndRestartCount() {
        PodObservation observed = new PodObservation(List.of(sandbox(true), exited("c0", "app", 0, 1, false, null),
                exited("c1", "app", 1, 137, true, null)));
        PodStatus status = PodStatusBuilder.build(pod("Always", null, List.of(container("app"))), observed,
                Map.of("app", new PodActions.Waiting("CrashLoopBackOff", "back-off 20s")), Set.of(), Set.of(), "10.0.0.1", NOW);
        ContainerStatus s = status.containerStatuses().get(0);
        assertEquals("CrashLoopBackOff", s.state().waiting().reason());
        assertEquals("OOMKilled", s.lastState().terminated().reason());
        assertEquals(1, s.restartCount());
        assertEquals("docker://c1", s.containerID());
        assertEquals("172.17.0.9", status.podIP());
        assertEquals("10.0.0.1", status.hostIP());
    }

    @Test
    void readyConditionsFollowTheReadinessOfEveryContainer() {
        PodObservation observed = new PodObservation(List.of(sandbox(true), running("a1", "a", 0), running("b1", "b", 0)));
        var pod = pod("Always", null, List.of(container("a"), container("b")));
        PodStatus notReady = PodStatusBuilder.build(pod, observed, Map.of(), Set.of("a1"), Set.of("a1", "b1"), "10.0.0.1", NOW);
        PodCondition ready = notReady.conditions().stream().filter(c -> c.type().equals("Ready")).findFirst().orElseThrow();
        assertEquals("False", ready.status());
        assertEquals("ContainersNotReady", ready.reason());
        assertEquals("containers with unready status: [b]", ready.message());

        PodStatus allReady = PodStatusBuilder.build(pod, observed, Map.of(), Set.of("a1", "b1"), Set.of("a1", "b1"), "10.0.0.1", NOW);
        allReady.conditions().forEach(c -> assertEquals("True", c.status(), c.type()));
        assertNull(allReady.conditions().get(3).reason());
    }
}
