package io.tugboat.controllermanager.endpointslice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.controllermanager.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written Endpoints of a selector-less Service mirrored into slices, on a fake client read back at once. */
class EndpointSliceMirroringControllerTest {
    static final Service MANUAL = SlicePlannerTest.decode("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"db","namespace":"default","uid":"uid-svc"},
             "spec":{"ports":[{"port":5432}]}}""", Service.class);
    static final Endpoints ENDPOINTS = SlicePlannerTest.decode("""
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"db","namespace":"default","uid":"uid-ep","labels":{"team":"data"}},
             "subsets":[{"addresses":[{"ip":"192.0.2.10","hostname":"primary"}],"notReadyAddresses":[{"ip":"192.0.2.11"}],
                         "ports":[{"name":"pg","port":5432,"protocol":"TCP"}]}]}""", Endpoints.class);

    final List<Service> services = new ArrayList<>(List.of(MANUAL));
    final List<Endpoints> endpoints = new ArrayList<>(List.of(ENDPOINTS));
    final FakeObjectClient<EndpointSlice> client = new FakeObjectClient<>(ResourceKinds.ENDPOINT_SLICES);
    final EndpointSliceMirroringController controller = new EndpointSliceMirroringController(Fixtures.live(() -> services),
            Fixtures.live(() -> endpoints), Fixtures.live(client::objects), client, new SlicePlanner(100));

    @Test
    void mirrorsReadyAndNotReadyAddressesWithTheSubsetsPortsOwnedByTheEndpoints() throws Exception {
        controller.reconcile("default/db");
        controller.reconcile("default/db");
        assertEquals(1, client.writes().size(), "created once: " + client.writes());
        EndpointSlice slice = client.objects().get(0);
        assertEquals("db-", slice.metadata().generateName());
        assertEquals(Map.of("team", "data", "kubernetes.io/service-name", "db",
                "endpointslice.kubernetes.io/managed-by", "endpointslicemirroring-controller.k8s.io"), slice.metadata().labels());
        assertEquals(List.of(new OwnerReference("v1", "Endpoints", "db", "uid-ep", true, true)), slice.metadata().ownerReferences());
        assertEquals("pg", slice.ports().get(0).name());
        assertEquals(5432, slice.ports().get(0).port());
        assertEquals(List.of("192.0.2.10", "192.0.2.11"), slice.endpoints().stream().map(e -> e.addresses().get(0)).toList());
        assertEquals(true, slice.endpoints().get(0).conditions().ready());
        assertEquals(false, slice.endpoints().get(1).conditions().ready());
        assertNull(slice.endpoints().get(1).conditions().serving(), "only ready is mirrored");
        assertEquals("primary", slice.endpoints().get(0).hostname());
    }

    @Test
    void aServiceWithSelectorSkipMirrorOrNoServiceAtAllHasNoMirroredSlices() throws Exception {
        controller.reconcile("default/db");
        assertEquals(1, client.objects().size());
        endpoints.set(0, ENDPOINTS.withMetadata(ENDPOINTS.metadata().withLabels(
                Map.of("endpointslice.kubernetes.io/skip-mirror", "true"))));
        controller.reconcile("default/db");
        assertEquals(List.of(), client.objects());

        endpoints.set(0, ENDPOINTS);
        controller.reconcile("default/db");
        assertEquals(1, client.objects().size());
        services.set(0, MANUAL.withSpec(MANUAL.spec().withSelector(Map.of("app", "db"))));
        controller.reconcile("default/db");
        assertEquals(List.of(), client.objects(), "the EndpointSlice controller's business now");

        services.clear();
        controller.reconcile("default/db");
        assertEquals(List.of(), client.objects());
    }
}
