package io.tugboat.controllermanager.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.NamespaceCondition;
import io.tugboat.api.core.NamespaceSpec;
import io.tugboat.api.core.NamespaceStatus;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.controllermanager.Fixtures;
import io.tugboat.controllermanager.ObjectClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The namespace controller with a fake client per kind. */
class NamespaceControllerTest {
    final FakeClock clock = new FakeClock();
    final Map<ResourceKind<?>, ObjectClient<?>> fakes = new HashMap<>();
    final FakeObjectClient<Namespace> namespaces = fake(ResourceKinds.NAMESPACES);
    final FakeObjectClient<ConfigMap> configMaps = fake(ResourceKinds.CONFIG_MAPS);
    final List<List<String>> finalized = new ArrayList<>();
    final NamespaceController controller = new NamespaceController(Fixtures.live(namespaces::objects), new ObjectClients() {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends KubernetesObject> ObjectClient<T> forKind(ResourceKind<T> kind) {
            return (ObjectClient<T>) fakes.computeIfAbsent(kind, FakeObjectClient::new);
        }
    }, ns -> {
        finalized.add(ns.spec().finalizers());
        return ns;
    }, clock);

    <T extends KubernetesObject> FakeObjectClient<T> fake(ResourceKind<T> kind) {
        FakeObjectClient<T> fake = new FakeObjectClient<>(kind);
        fakes.put(kind, fake);
        return fake;
    }

    static Namespace namespace(String name, boolean deleting, String... finalizers) {
        return Namespace.of(new ObjectMeta(name, null, null, null, null, null, null, null,
                deleting ? Instant.parse("2024-01-01T00:00:00Z") : null, null, null, null, null, null),
                new NamespaceSpec(List.of(finalizers)), new NamespaceStatus(deleting ? "Terminating" : "Active", null));
    }

    static ConfigMap cm(String namespace, String name, List<String> finalizers) {
        return ConfigMap.of(new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null,
                finalizers), Map.of(), null, null);
    }

    @Test
    void anActiveNamespaceIsLeftAlone() throws Exception {
        namespaces.seed(namespace("team", false, "kubernetes"));
        configMaps.seed(cm("team", "a", null));
        controller.reconcile("team");
        assertEquals(List.of(), configMaps.actionNames());
    }

    @Test
    void aTerminatingNamespaceIsEmptiedThenFinalizedKeepingOtherFinalizers() throws Exception {
        namespaces.seed(namespace("team", true, "kubernetes", "example.com/audit"));
        configMaps.seed(cm("team", "a", null), cm("team", "b", null), cm("other", "c", null));

        assertEquals(ReconcileResult.done(), controller.reconcile("team"));

        assertEquals(List.of("delete team/a", "delete team/b"), configMaps.writes());
        assertEquals(List.of(List.of("example.com/audit")), finalized);
    }

    @Test
    void contentThatStaysIsReportedInTheConditionsAndTheNamespaceWaits() throws Exception {
        namespaces.seed(namespace("team", true, "kubernetes"));
        // The ConfigMap has a finalizer: the API server only marks it, so it is still listed after the delete.
        configMaps.seed(cm("team", "held", List.of("example.com/hold")));
        fakes.put(ResourceKinds.CONFIG_MAPS, new UndeletableConfigMaps(configMaps));

        assertEquals(ReconcileResult.requeueAfter(NamespaceController.RECHECK), controller.reconcile("team"));

        assertEquals(List.of(), finalized);
        List<NamespaceCondition> conditions = namespaces.get("team").status().conditions();
        assertEquals("Terminating", namespaces.get("team").status().phase());
        NamespaceCondition remaining = conditions.stream().filter(c -> c.type().equals("NamespaceContentRemaining")).findFirst().orElseThrow();
        assertEquals("True", remaining.status());
        assertEquals("SomeResourcesRemain", remaining.reason());
        assertEquals("Some resources are remaining: configmaps has 1 resource instances", remaining.message());
        NamespaceCondition finalizers = conditions.stream().filter(c -> c.type().equals("NamespaceFinalizersRemaining")).findFirst().orElseThrow();
        assertEquals("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
                finalizers.message());
    }

    @Test
    void aNamespaceWhoseKubernetesFinalizerIsGoneIsNotOurs() throws Exception {
        namespaces.seed(namespace("team", true, "example.com/audit"));
        configMaps.seed(cm("team", "a", null));
        controller.reconcile("team");
        assertEquals(List.of(), configMaps.actionNames());
        assertEquals(List.of(), finalized);
    }

    /** ConfigMaps held by finalizers: deletes are accepted and change nothing. */
    record UndeletableConfigMaps(ObjectClient<ConfigMap> delegate) implements ObjectClient<ConfigMap> {
        @Override
        public ObjectClient<ConfigMap> inNamespace(String namespace) {
            return new UndeletableConfigMaps(delegate.inNamespace(namespace));
        }

        @Override
        public ConfigMap get(String name) throws io.tugboat.client.ApiException {
            return delegate.get(name);
        }

        @Override
        public io.tugboat.api.meta.ObjectList<ConfigMap> list(io.tugboat.client.ListOptions options) throws io.tugboat.client.ApiException {
            return delegate.list(options);
        }

        @Override
        public ConfigMap create(ConfigMap object) throws io.tugboat.client.ApiException {
            return delegate.create(object);
        }

        @Override
        public ConfigMap update(ConfigMap object) throws io.tugboat.client.ApiException {
            return delegate.update(object);
        }

        @Override
        public ConfigMap updateStatus(ConfigMap object) throws io.tugboat.client.ApiException {
            return delegate.updateStatus(object);
        }

        @Override
        public ConfigMap mergePatch(String name, String patch) throws io.tugboat.client.ApiException {
            return delegate.mergePatch(name, patch);
        }

        @Override
        public void delete(String name, io.tugboat.api.meta.DeleteOptions options) {
        }
    }
}
