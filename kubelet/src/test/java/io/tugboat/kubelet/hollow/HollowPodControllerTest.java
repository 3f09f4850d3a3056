package io.tugboat.kubelet.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.client.informer.DeletedObject;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.client.testing.Listers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HollowPodControllerTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    /** Our fleet: hollow-0000 and hollow-0001. */
    private static final ToIntFunction<String> FLEET = name -> switch (name) {
        case "hollow-0000" -> 0;
        case "hollow-0001" -> 1;
        default -> -1;
    };

    private final FakeClock clock = new FakeClock(NOW);
    private final HollowRuntime runtime = new HollowRuntime(
            HollowNodesConfig.defaults(2).withResources(Quantity.parse("4"), Quantity.parse("16Gi"), 1), clock);
    private final FakeObjectClient<Pod> client = new FakeObjectClient<>(ResourceKinds.PODS);

    @ParameterizedTest(name = "{0} on {1}, phase {2}, deleting {3} -> {4}")
    @CsvSource({
            "present, hollow-0000, Pending,   false, RUN",
            "present, hollow-0001, Running,   false, RUN",
            "present, hollow-0000, Pending,   true,  DELETE",
            "present, hollow-0000, Running,   true,  DELETE",
            "present, hollow-0000, Succeeded, false, FORGET",
            "present, hollow-0000, Failed,    false, FORGET",
            "present, real-node,   Running,   false, FORGET",
            "present, real-node,   Running,   true,  FORGET",
            "gone,    hollow-0000, Running,   false, FORGET"})
    void decidesFromTheCachedPodAlone(String presence, String node, String phase, boolean deleting,
                                     HollowPodController.Step expected) {
        Pod pod = Pods.bound(Pods.pod("a", "uid-a", null, null), node);
        pod = pod.withStatus(pod.status().withPhase(phase));
        if (deleting) {
            pod = pod.withMetadata(pod.metadata().withDeletionTimestamp(NOW));
        }
        Optional<Pod> found = presence.equals("present") ? Optional.of(pod) : Optional.empty();
        assertEquals(expected, HollowPodController.decide(found, FLEET));
    }

    @Test
    void aPodBoundToAHollowNodeIsReportedRunningOnce() throws Exception {
        Pod pod = Pods.bound(Pods.pod("a", "uid-a", "100m", "64Mi"), "hollow-0001");
        pod = pod.withStatus(pod.status().withConditions(List.of(new PodCondition("PodScheduled", "True", null, NOW, null, null))));
        client.seed(pod);

        fromServer().reconcile("default/a");

        assertEquals(List.of("updateStatus default/a"), client.writes());
        PodStatus status = client.inNamespace("default").get("a").status();
        assertEquals("Running", status.phase());
        assertEquals("10.128.1.1", status.podIP());
        assertEquals("10.64.0.2", status.hostIP());
        assertEquals(NOW, status.startTime());
        assertEquals("Burstable", status.qosClass());
        assertEquals(List.of("PodScheduled", "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"),
                status.conditions().stream().map(PodCondition::type).toList());
        assertTrue(status.conditions().stream().allMatch(c -> c.status().equals("True")));
        ContainerStatus web = status.containerStatuses().get(0);
        assertEquals("web", web.name());
        assertEquals(NOW, web.state().running().startedAt());
        assertEquals(true, web.ready());
        assertEquals("fake://uid-a-web", web.containerID());

        // Once the cache shows what was written, another pass writes nothing.
        client.clearActions();
        fromServer().reconcile("default/a");
        assertEquals(List.of(), client.writes());
    }

    @Test
    void initContainersAreReportedCompleted() throws Exception {
        Pod pod = Pods.bound(Pods.pod("a", "uid-a", null, null), "hollow-0000");
        pod = pod.withSpec(pod.spec().withInitContainers(pod.spec().containers().stream()
                .map(c -> Pods.parse("{\"spec\":{\"containers\":[{\"name\":\"init\",\"image\":\"i\"}]}}").spec().containers().get(0))
                .toList()));
        client.seed(pod);

        fromServer().reconcile("default/a");

        ContainerStatus init = client.inNamespace("default").get("a").status().initContainerStatuses().get(0);
        assertEquals("Completed", init.state().terminated().reason());
        assertEquals(0, init.state().terminated().exitCode());
    }

    @Test
    void aPodTheNodeHasNoRoomForIsReportedFailedWithTheKubeletsReason() throws Exception {
        Pod first = Pods.bound(Pods.pod("a", "uid-a", null, null), "hollow-0000");
        Pod second = Pods.bound(Pods.pod("b", "uid-b", null, null), "hollow-0000");
        client.seed(first, second);
        fromServer().reconcile("default/a");

        fromServer().reconcile("default/b");

        PodStatus status = client.inNamespace("default").get("b").status();
        assertEquals("Failed", status.phase());
        assertEquals("OutOfpods", status.reason());
        assertEquals("Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 1, capacity: 1",
                status.message());
    }

    @Test
    void aGracefullyDeletedPodIsStoppedAndDeletedWithGraceZero() throws Exception {
        Pod pod = Pods.bound(Pods.pod("a", "uid-a", null, null), "hollow-0000");
        client.seed(pod);
        fromServer().reconcile("default/a");
        assertEquals(List.of("default/a"), runtime.keys());
        Pod running = client.inNamespace("default").get("a");
        Pod deleting = running.withMetadata(running.metadata().withDeletionTimestamp(NOW).withDeletionGracePeriodSeconds(30L));
        client.clearActions();

        controller(deleting).reconcile("default/a");

        assertEquals(List.of("delete default/a"), client.writes());
        DeleteOptions options = (DeleteOptions) client.actions().get(0).object();
        assertEquals(0L, options.gracePeriodSeconds());
        assertEquals("uid-a", options.preconditions().uid());
        assertEquals(List.of(), runtime.keys());
    }

    @Test
    void aPodThatLeftTheCacheIsForgottenAndItsAddressReused() throws Exception {
        Pod pod = Pods.bound(Pods.pod("a", "uid-a", null, null), "hollow-0000");
        client.seed(pod);
        fromServer().reconcile("default/a");

        controller().reconcile("default/a");

        assertEquals(List.of(), runtime.keys());
        assertEquals(0, runtime.podCount(0));
    }

    @Test
    void aPodOfAnotherNodeIsLeftAlone() throws Exception {
        Pod pod = Pods.bound(Pods.pod("a", "uid-a", null, null), "real-node");
        client.seed(pod);

        fromServer().reconcile("default/a");

        assertEquals(List.of(), client.writes());
    }

    @Test
    void theHandlerQueuesOnlyPodsOfTheFleet() {
        List<String> queued = new ArrayList<>();
        var handler = HollowPodController.handler(FLEET, queued::add);
        Pod ours = Pods.bound(Pods.pod("ours", "u1", null, null), "hollow-0001");
        Pod theirs = Pods.bound(Pods.pod("theirs", "u2", null, null), "real-node");
        Pod unbound = Pods.pod("unbound", "u3", null, null);

        handler.onAdd(ours);
        handler.onAdd(theirs);
        handler.onAdd(unbound);
        handler.onUpdate(theirs, theirs);
        handler.onUpdate(ours, ours);
        handler.onDelete(new DeletedObject<>(theirs));
        handler.onDelete(new DeletedObject<>(ours));

        assertEquals(List.of("default/ours", "default/ours", "default/ours"), queued);
    }

    /** The controller with a cache that shows what the (fake) API server holds. */
    private HollowPodController fromServer() {
        return controller(client.objects().toArray(Pod[]::new));
    }

    private HollowPodController controller(Pod... cached) {
        Lister<Pod> lister = Listers.of(cached);
        return new HollowPodController(lister, client, runtime, FLEET);
    }
}
