package io.tugboat.controllermanager.garbagecollector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.controllermanager.ObjectClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collector's reconcile against in-memory clients: the graph is filled through the same handler the
 * informers call, the "API server" is a {@link FakeObjectClient} per kind, and the test reads what was written.
 */
class GarbageCollectorTest {
    final Map<ResourceKind<?>, FakeObjectClient<?>> fakes = new HashMap<>();
    final FakeObjectClient<ConfigMap> configMaps = fake(ResourceKinds.CONFIG_MAPS);
    final OwnerGraph graph = new OwnerGraph();
    final List<String> queued = new ArrayList<>();
    final GarbageCollector collector = new GarbageCollector(graph, clients(), null, queued::add);

    <T extends KubernetesObject> FakeObjectClient<T> fake(ResourceKind<T> kind) {
        FakeObjectClient<T> fake = new FakeObjectClient<>(kind);
        fakes.put(kind, fake);
        return fake;
    }

    ObjectClients clients() {
        return new ObjectClients() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends KubernetesObject> ObjectClient<T> forKind(ResourceKind<T> kind) {
                return (ObjectClient<T>) fakes.computeIfAbsent(kind, FakeObjectClient::new);
            }
        };
    }

    static ConfigMap cm(String name, String uid, List<OwnerReference> owners, List<String> finalizers, boolean deleting) {
        return ConfigMap.of(new ObjectMeta(name, null, "default", null, uid, null, null, null,
                deleting ? Instant.parse("2024-01-01T00:00:00Z") : null, null, null, null, owners, finalizers), Map.of(), null, null);
    }

    static OwnerReference owner(String name, String uid, boolean block) {
        return new OwnerReference("v1", "ConfigMap", name, uid, true, block);
    }

    /** Puts objects on the fake server and in the graph, as the informers would. */
    void existing(ConfigMap... objects) {
        configMaps.seed(objects);
        var handler = GarbageCollector.<ConfigMap>handler(ResourceKinds.CONFIG_MAPS, graph, queued::add);
        for (ConfigMap object : objects) {
            handler.onAdd(object);
        }
        queued.clear();
    }

    @Test
    void aDependentWhoseOwnerIsGoneIsDeletedInTheBackgroundGuardedByItsUid() throws Exception {
        existing(cm("child", "uid-child", List.of(owner("parent", "uid-parent", false)), null, false));

        collector.reconcile("uid-child");

        assertEquals(List.of("get default/child", "get default/parent", "delete default/child"), configMaps.actionNames());
        DeleteOptions options = (DeleteOptions) configMaps.actions().get(2).object();
        assertEquals("Background", options.propagationPolicy());
        assertEquals("uid-child", options.preconditions().uid());
    }

    @Test
    void anOwnerTheGraphHasNotSeenYetButTheServerHasSavesItsDependent() throws Exception {
        existing(cm("child", "uid-child", List.of(owner("parent", "uid-parent", false)), null, false));
        configMaps.seed(cm("parent", "uid-parent", null, null, false)); // created, not yet in our caches

        collector.reconcile("uid-child");

        assertEquals(List.of(), configMaps.writes());
    }

    @Test
    void anOwnerRecreatedUnderTheSameNameDoesNotSaveTheOldDependents() throws Exception {
        existing(cm("child", "uid-child", List.of(owner("parent", "uid-old", false)), null, false),
                cm("parent", "uid-new", null, null, false));

        collector.reconcile("uid-child");

        assertEquals(List.of("delete default/child"), configMaps.writes());
    }

    @Test
    void aDependentWhoseOwnersAreAllInTheGraphCostsNoRequest() throws Exception {
        existing(cm("parent", "uid-parent", null, null, false),
                cm("child", "uid-child", List.of(owner("parent", "uid-parent", false)), null, false));

        collector.reconcile("uid-child");

        assertEquals(List.of(), configMaps.actionNames());
    }

    @Test
    void aDanglingReferenceIsDroppedWhenAnotherOwnerRemains() throws Exception {
        existing(cm("parent", "uid-parent", null, null, false),
                cm("child", "uid-child", List.of(owner("gone", "uid-gone", false), owner("parent", "uid-parent", false)), null, false));

        collector.reconcile("uid-child");

        assertEquals(List.of("update default/child"), configMaps.writes());
        assertEquals(List.of("uid-parent"), configMaps.inNamespace("default").get("child").metadata().ownerReferences()
                .stream().map(OwnerReference::uid).toList());
    }

    @Test
    void anOwnerOfAnUnservedKindCountsAsPresent() throws Exception {
        existing(cm("child", "uid-child", List.of(new OwnerReference("example.com/v1", "Widget", "w", "uid-w", true, true)),
                null, false));

        collector.reconcile("uid-child");

        assertEquals(List.of(), configMaps.writes());
    }

    @Test
    void orphaningStripsTheOwnerFromItsDependentsThenRemovesTheFinalizer() throws Exception {
        existing(cm("parent", "uid-parent", null, List.of("orphan"), true),
                cm("a", "uid-a", List.of(owner("parent", "uid-parent", true)), null, false),
                cm("b", "uid-b", List.of(owner("parent", "uid-parent", true), owner("other", "uid-other", false)), null, false));

        collector.reconcile("uid-parent");

        assertEquals(List.of(), configMaps.inNamespace("default").get("a").metadata().ownerReferences());
        assertEquals(List.of("uid-other"), configMaps.inNamespace("default").get("b").metadata().ownerReferences()
                .stream().map(OwnerReference::uid).toList());
        assertEquals(List.of(), configMaps.inNamespace("default").get("parent").metadata().finalizers());
        assertTrue(configMaps.writes().indexOf("update default/parent") > configMaps.writes().indexOf("update default/b"),
                "the finalizer goes last: " + configMaps.writes());
    }

    @Test
    void aForegroundOwnerWithBlockingDependentsQueuesThemAndKeepsItsFinalizer() throws Exception {
        existing(cm("parent", "uid-parent", null, List.of("foregroundDeletion"), true),
                cm("a", "uid-a", List.of(owner("parent", "uid-parent", true)), null, false));

        collector.reconcile("uid-parent");

        assertEquals(List.of("uid-a"), queued);
        assertEquals(List.of(), configMaps.writes());
    }

    @Test
    void aDependentOfAForegroundOwnerIsDeleted() throws Exception {
        existing(cm("parent", "uid-parent", null, List.of("foregroundDeletion"), true),
                cm("a", "uid-a", List.of(owner("parent", "uid-parent", true)), null, false));

        collector.reconcile("uid-a");

        assertEquals(List.of("delete default/a"), configMaps.writes());
    }

    @Test
    void aForegroundOwnerWithoutBlockingDependentsLosesItsFinalizer() throws Exception {
        existing(cm("parent", "uid-parent", null, List.of("foregroundDeletion", "example.com/keep"), true),
                cm("a", "uid-a", List.of(owner("parent", "uid-parent", false)), null, false));

        collector.reconcile("uid-parent");

        assertEquals(List.of("example.com/keep"), configMaps.inNamespace("default").get("parent").metadata().finalizers());
    }

    @Test
    void theHandlerQueuesTheDependentsOfADeletedOwner() {
        var handler = GarbageCollector.<ConfigMap>handler(ResourceKinds.CONFIG_MAPS, graph, queued::add);
        ConfigMap parent = cm("parent", "uid-parent", null, null, false);
        handler.onAdd(parent);
        handler.onAdd(cm("a", "uid-a", List.of(owner("parent", "uid-parent", false)), null, false));
        queued.clear();

        handler.onDelete(new io.tugboat.client.informer.DeletedObject<>(parent));

        assertEquals(List.of("uid-a"), queued);
    }

    @Test
    void anOwnerReferenceWithAnotherVersionOfAServedKindIsResolved() {
        assertEquals(ResourceKinds.REPLICA_SETS, GarbageCollector.kindOf(new OwnerReference("apps/v1beta2", "ReplicaSet", "rs",
                "u", true, true)).orElseThrow());
        assertEquals(ResourceKinds.PODS, GarbageCollector.kindOf(new OwnerReference("v1", "Pod", "p", "u", true, true)).orElseThrow());
        assertTrue(GarbageCollector.kindOf(new OwnerReference("example.com/v1", "Widget", "w", "u", true, true)).isEmpty());
    }
}
