package io.tugboat.controllermanager.endpointslice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.informer.DeletedObject;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.controllermanager.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice controller against a slice cache that lags its writes, as an informer does: it must not
 * create a second slice for endpoints it has just written, and it goes on once the cache shows the write.
 */
class EndpointSliceControllerTest {
    final List<Service> services = new ArrayList<>(List.of(SlicePlannerTest.WEB));
    final List<Pod> pods = new ArrayList<>(List.of(SlicePlannerTest.pod("a", "10.244.1.5", true, 8080)));
    final FakeObjectClient<EndpointSlice> client = new FakeObjectClient<>(ResourceKinds.ENDPOINT_SLICES);
    /** What the controller's slice cache shows: filled by hand, as an informer would, later than the writes. */
    final List<EndpointSlice> cache = new ArrayList<>();
    final EndpointSliceController controller = new EndpointSliceController(Fixtures.live(() -> services),
            Fixtures.live(() -> pods), Fixtures.live(() -> cache), client, new SlicePlanner(100));
    final List<String> queued = new ArrayList<>();
    final ResourceEventHandler<EndpointSlice> handler = controller.eventHandler(queued::add);

    @Test
    void waitsForItsOwnCreateToReachTheCacheInsteadOfCreatingTwice() throws Exception {
        assertEquals(ReconcileResult.done(), controller.reconcile("default/web"));
        assertEquals(List.of("create default/web-1"), client.writes().stream().map(w -> w.replaceAll("web-\\w+", "web-1")).toList());

        // Another pod arrives before the cache shows the slice: no second create, a requeue instead.
        pods.add(SlicePlannerTest.pod("b", "10.244.1.6", true, 8080));
        assertInstanceOf(ReconcileResult.RequeueAfter.class, controller.reconcile("default/web"));
        assertEquals(1, client.writes().size());

        // The informer delivers the slice: the Service is woken and the new pod joins the same slice.
        EndpointSlice written = client.objects().get(0);
        cache.add(written);
        handler.onAdd(written);
        assertEquals(List.of("default/web"), queued);
        assertEquals(ReconcileResult.done(), controller.reconcile("default/web"));
        assertEquals(2, client.writes().size());
        assertEquals("update", client.actions().get(client.actions().size() - 1).verb());
        assertEquals(2, client.objects().get(0).endpoints().size());
        assertEquals(1, client.objects().size());
    }

    @Test
    void aDeletedServiceTakesItsSlicesAndTheDeletionIsAwaitedToo() throws Exception {
        controller.reconcile("default/web");
        EndpointSlice written = client.objects().get(0);
        cache.add(written);
        handler.onAdd(written);
        services.clear();
        controller.reconcile("default/web");
        assertEquals(List.of(), client.objects());
        assertInstanceOf(ReconcileResult.RequeueAfter.class, controller.reconcile("default/web"), "the cache still shows it");
        cache.clear();
        handler.onDelete(new DeletedObject<>(written));
        assertEquals(ReconcileResult.done(), controller.reconcile("default/web"));
    }
}
