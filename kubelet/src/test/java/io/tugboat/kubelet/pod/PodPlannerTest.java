package io.tugboat.kubelet.pod;

import static io.tugboat.kubelet.pod.Fixtures.container;
import static io.tugboat.kubelet.pod.Fixtures.exited;
import static io.tugboat.kubelet.pod.Fixtures.pod;
import static io.tugboat.kubelet.pod.Fixtures.running;
import static io.tugboat.kubelet.pod.Fixtures.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.Pod;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodPlannerTest {
    private final FakeClock clock = new FakeClock();
    private final CrashBackoff backoff = CrashBackoff.kubernetesDefaults(clock);

    /**
     * Every restart policy × container state × liveness verdict, with a running sandbox and no backoff history.
     * START: create the next attempt; KILL: stop it; NONE: leave it.
     */
    @ParameterizedTest(name = "{0}, container {1}, liveness {2} -> {3}")
    @CsvSource({
            "Always,    missing,   healthy,   START",
            "OnFailure, missing,   healthy,   START",
            "Never,     missing,   healthy,   START",
            "Always,    running,   healthy,   NONE",
            "OnFailure, running,   healthy,   NONE",
            "Never,     running,   healthy,   NONE",
            "Always,    running,   unhealthy, KILL",
            "OnFailure, running,   unhealthy, KILL",
            "Never,     running,   unhealthy, KILL",
            "Always,    exited0,   healthy,   START",
            "OnFailure, exited0,   healthy,   NONE",
            "Never,     exited0,   healthy,   NONE",
            "Always,    exited1,   healthy,   START",
            "OnFailure, exited1,   healthy,   START",
            "Never,     exited1,   healthy,   NONE",
            "Always,    oomKilled, healthy,   START",
            "OnFailure, oomKilled, healthy,   START",
            "Never,     oomKilled, healthy,   NONE",
            "Always,    created,   healthy,   START",
    })
    void decidesFromRestartPolicyContainerStateAndProbe(String policy, String state, String probe, String expected) {
        List<ContainerInfo> observed = new ArrayList<>(List.of(sandbox(true)));
        switch (state) {
            case "running" -> observed.add(running("c1", "app", 0));
            case "exited0" -> observed.add(exited("c1", "app", 0, 0, false, null));
            case "exited1" -> observed.add(exited("c1", "app", 0, 1, false, null));
            case "oomKilled" -> observed.add(exited("c1", "app", 0, 137, true, null));
            case "created" -> observed.add(Fixtures.info("c1", "app", 0, ContainerInfo.State.CREATED, 0, false, null));
            default -> { }
        }
        Set<String> unhealthy = probe.equals("unhealthy") ? Set.of("c1") : Set.of();
        PodActions actions = PodPlanner.plan(pod(policy, null, List.of(container("app"))), new PodObservation(observed), unhealthy, backoff);

        String got = !actions.start().isEmpty() ? "START" : !actions.kill().isEmpty() ? "KILL" : "NONE";
        assertEquals(expected, got, actions.toString());
        assertFalse(actions.createSandbox());
        if (got.equals("START")) {
            int attempt = state.startsWith("exited") || state.equals("oomKilled") ? 1 : 0;
            assertEquals(attempt, actions.start().get(0).attempt(), "a restart is the next attempt; a first start attempt 0");
        }
    }

    @Test
    void anExitedContainerInBackoffWaitsWithCrashLoopBackOffAndARequeueAtTheEndOfTheDelay() {
        Pod pod = pod("Always", null, List.of(container("app")));
        backoff.next(PodPlanner.backoffKey(pod, "app"), Duration.ZERO);
        PodObservation observed = new PodObservation(List.of(sandbox(true), exited("c2", "app", 1, 1, false, clock.instant())));

        PodActions actions = PodPlanner.plan(pod, observed, Set.of(), backoff);

        assertTrue(actions.start().isEmpty());
        assertEquals("CrashLoopBackOff", actions.waiting().get("app").reason());
        assertTrue(actions.waiting().get("app").message().startsWith("back-off 10s restarting failed container=app pod=web_default(uid-1)"));
        assertEquals(Duration.ofSeconds(10), actions.requeueAfter());

        clock.advance(Duration.ofSeconds(10));
        assertEquals(2, PodPlanner.plan(pod, observed, Set.of(), backoff).start().get(0).attempt());
    }

    @Test
    void withoutARunningSandboxOnlyANewSandboxIsCreatedAndContainersOfTheOldOneAreKilled() {
        PodObservation observed = new PodObservation(List.of(sandbox(false), running("c1", "app", 0)));
        PodActions actions = PodPlanner.plan(pod("Always", null, List.of(container("app"))), observed, Set.of(), backoff);
        assertTrue(actions.createSandbox());
        assertEquals(1, actions.sandboxAttempt());
        assertEquals("c1", actions.kill().get(0).container().id());
        assertTrue(actions.start().isEmpty());
    }

    @Test
    void aFinishedPodStopsItsSandboxAndStartsNothing() {
        PodObservation observed = new PodObservation(List.of(sandbox(true), exited("c1", "app", 0, 0, false, null)));
        PodActions actions = PodPlanner.plan(pod("OnFailure", null, List.of(container("app"))), observed, Set.of(), backoff);
        assertTrue(actions.terminal());
        assertEquals("sb", actions.killSandboxes().get(0).id());
        assertTrue(actions.start().isEmpty());
    }

    @Test
    void initContainersRunOneAtATimeInOrderBeforeAppContainers() {
        Pod pod = pod("Always", List.of(container("init1"), container("init2")), List.of(container("app")));
        PodActions first = PodPlanner.plan(pod, new PodObservation(List.of(sandbox(true))), Set.of(), backoff);
        assertEquals(List.of("init1"), first.start().stream().map(s -> s.spec().name()).toList());
        assertEquals("PodInitializing", first.waiting().get("app").reason());

        PodActions whileRunning = PodPlanner.plan(pod, new PodObservation(List.of(sandbox(true), running("i1", "init1", 0))), Set.of(), backoff);
        assertTrue(whileRunning.start().isEmpty());

        PodActions second = PodPlanner.plan(pod, new PodObservation(List.of(sandbox(true), exited("i1", "init1", 0, 0, false, null))),
                Set.of(), backoff);
        assertEquals(List.of("init2"), second.start().stream().map(s -> s.spec().name()).toList());

        PodActions apps = PodPlanner.plan(pod, new PodObservation(List.of(sandbox(true), exited("i1", "init1", 0, 0, false, null),
                exited("i2", "init2", 0, 0, false, null))), Set.of(), backoff);
        assertEquals(List.of("app"), apps.start().stream().map(s -> s.spec().name()).toList());
    }

    @Test
    void aFailedInitContainerUnderNeverFinishesThePod() {
        Pod pod = pod("Never", List.of(container("init1")), List.of(container("app")));
        PodActions actions = PodPlanner.plan(pod, new PodObservation(List.of(sandbox(true), exited("i1", "init1", 0, 1, false, null))),
                Set.of(), backoff);
        assertTrue(actions.terminal());
        assertTrue(actions.start().isEmpty());
    }

    @Test
    void deadAttemptsBeyondTheNewestTwoAreRemoved() {
        PodObservation observed = new PodObservation(List.of(sandbox(true), exited("a0", "app", 0, 1, false, null),
                exited("a1", "app", 1, 1, false, null), running("a2", "app", 2), exited("x", "gone", 0, 0, false, null)));
        PodActions actions = PodPlanner.plan(pod("Always", null, List.of(container("app"))), observed, Set.of(), backoff);
        assertEquals(Set.of("a0", "x"), Set.copyOf(actions.remove().stream().map(ContainerInfo::id).toList()));
    }
}
