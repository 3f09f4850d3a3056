package io.tugboat.controllermanager.endpoint;

import static io.tugboat.controllermanager.endpoint.EndpointFixtures.pod;
import static io.tugboat.controllermanager.endpoint.EndpointFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiException;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.client.testing.Listers;
import io.tugboat.controllermanager.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoints controller's writes, on a fake client whose objects the listers read back at once. */
class EndpointsControllerTest {
    static final String HTTP_80 = "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":80,\"protocol\":\"TCP\"}]";

    final List<Service> services = new ArrayList<>();
    final List<Pod> pods = new ArrayList<>();
    final FakeObjectClient<Endpoints> client = new FakeObjectClient<>(ResourceKinds.ENDPOINTS);
    final FakeClock clock = new FakeClock(Instant.parse("2024-01-01T00:00:00Z"));
    final EndpointsController controller = new EndpointsController(Fixtures.live(() -> services),
            Fixtures.live(() -> pods), Fixtures.live(client::objects), client, clock);

    @Test
    void createsTheEndpointsThenWritesNothingWhileNothingChanges() throws Exception {
        services.add(service(HTTP_80));
        pods.add(pod("a", "10.244.1.5", true, null, 0));
        controller.reconcile("default/web");
        controller.reconcile("default/web");
        assertEquals(List.of("create default/web"), client.writes());
        Endpoints ep = client.objects().get(0);
        assertEquals("10.244.1.5", ep.subsets().get(0).addresses().get(0).ip());
        assertEquals("front", ep.metadata().labels().get("tier"));
    }

    @Test
    void updatesWhenAPodChangesAndDeletesWithTheService() throws Exception {
        services.add(service(HTTP_80));
        pods.add(pod("a", "10.244.1.5", true, null, 0));
        controller.reconcile("default/web");
        pods.set(0, pod("a", "10.244.1.5", false, null, 0));
        controller.reconcile("default/web");
        assertEquals("10.244.1.5", client.objects().get(0).subsets().get(0).notReadyAddresses().get(0).ip());
        services.clear();
        controller.reconcile("default/web");
        assertEquals(List.of("create default/web", "update default/web", "delete default/web"), client.writes());
    }

    @Test
    void aServiceWithoutSelectorKeepsTheEndpointsWrittenForIt() throws Exception {
        Service manual = service(HTTP_80);
        services.add(manual.withSpec(manual.spec().withSelector(null)));
        client.seed(Endpoints.of(new ObjectMeta("web", null, "default", null, null, "1", null, null, null, null, null,
                null, null, null), null));
        controller.reconcile("default/web");
        assertEquals(List.of(), client.writes());
    }

    @Test
    void waitsForItsOwnWriteToReachALaggingCacheThenGivesUpWaitingAfterAWhile() throws Exception {
        List<Endpoints> cache = new ArrayList<>();
        EndpointsController lagging = new EndpointsController(Fixtures.live(() -> services), Fixtures.live(() -> pods),
                Fixtures.live(() -> cache), client, clock);
        services.add(service(HTTP_80));
        pods.add(pod("a", "10.244.1.5", true, null, 0));
        assertEquals(ReconcileResult.done(), lagging.reconcile("default/web"));
        pods.add(pod("b", "10.244.1.6", true, null, 0));
        assertInstanceOf(ReconcileResult.RequeueAfter.class, lagging.reconcile("default/web"), "the create is not in the cache yet");
        assertEquals(List.of("create default/web"), client.writes());

        cache.addAll(client.objects());
        assertEquals(ReconcileResult.done(), lagging.reconcile("default/web"));
        assertEquals(List.of("create default/web", "update default/web"), client.writes());

        // A write the cache never shows (say, deleted right away) is waited for only so long.
        cache.clear();
        pods.remove(1);
        assertInstanceOf(ReconcileResult.RequeueAfter.class, lagging.reconcile("default/web"));
        clock.advance(EndpointsController.WRITE_WAIT.plusSeconds(1));
        assertThrows(ApiException.AlreadyExistsException.class, () -> lagging.reconcile("default/web"),
                "it acts on what it sees again (and the runner retries the failure)");
    }

    @Test
    void anEndpointsChangeWakesItsServiceOnlyIfTheServiceExists() {
        List<String> queued = new ArrayList<>();
        EndpointsController.OnEndpoints handler = new EndpointsController.OnEndpoints(Listers.of(service(HTTP_80)), queued::add);
        handler.onAdd(Endpoints.of(new ObjectMeta("web", null, "default", null, null, "1", null, null, null, null, null,
                null, null, null), null));
        handler.onAdd(Endpoints.of(new ObjectMeta("handwritten", null, "default", null, null, "1", null, null, null, null,
                null, null, null, null), null));
        assertEquals(List.of("default/web"), queued);
    }

    @Test
    void leftoversAreEndpointsWhoseServiceIsGoneExceptLeaderLocks() {
        services.add(service(HTTP_80));
        client.seed(Endpoints.of(new ObjectMeta("web", null, "default", null, null, "1", null, null, null, null, null,
                        null, null, null), null),
                Endpoints.of(new ObjectMeta("gone", null, "default", null, null, "1", null, null, null, null, null,
                        null, null, null), null),
                Endpoints.of(new ObjectMeta("lock", null, "kube-system", null, null, "1", null, null, null, null, null,
                        java.util.Map.of(EndpointsController.LEADER_ANNOTATION, "{}"), null, null), null));
        assertEquals(List.of("default/gone"), controller.leftovers());
    }
}
