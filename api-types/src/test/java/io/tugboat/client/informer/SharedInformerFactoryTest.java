package io.tugboat.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ListerWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SharedInformerFactoryTest {
    /** One fake server per kind; namespaces are recorded, not enforced. */
    private final Map<ResourceKind<?>, FakeApiServer<?>> servers = new HashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final ListerWatcherSource source = new ListerWatcherSource() {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends KubernetesObject> ListerWatcher<T> listerWatcher(ResourceKind<T> kind, String namespace) {
            requests.add(kind.plural() + " in " + (namespace == null ? "all namespaces" : namespace));
            return (ListerWatcher<T>) server(kind);
        }
    };
    private FakeClock clock = FakeClock.autoAdvancing();
    private SharedInformerFactory factory;

    @SuppressWarnings("unchecked")
    private synchronized <T extends KubernetesObject> FakeApiServer<T> server(ResourceKind<T> kind) {
        return (FakeApiServer<T>) servers.computeIfAbsent(kind, k -> new FakeApiServer<>());
    }

    private SharedInformerFactory factory() {
        factory = new SharedInformerFactory(source, InformerOptions.defaults().withClock(clock).withSleeper(clock));
        return factory;
    }

    @AfterEach
    void stopFactory() {
        if (factory != null) {
            factory.stop();
        }
    }

    @ParameterizedTest(name = "pods in {0} / labels ''{1}'' / fields ''{2}'' vs {3} / ''{4}'' / ''{5}'': same informer {6}")
    @CsvSource(delimiter = '|', nullValues = "*", textBlock = """
            *       | *                 | *                  | *       | *                  | *                  | true
            *       | ''                | ''                 | *       | *                  | *                  | true
            default | *                 | *                  | default | *                  | *                  | true
            default | *                 | *                  | *       | *                  | *                  | false
            default | *                 | *                  | other   | *                  | *                  | false
            *       | tier=web,app=x    | *                  | *       | 'app=x, tier=web'  | *                  | true
            *       | app=x             | *                  | *       | app=y              | *                  | false
            *       | *                 | spec.nodeName=n1   | *       | *                  | spec.nodeName==n1  | true
            *       | *                 | spec.nodeName=n1   | *       | *                  | spec.nodeName=n2   | false
            """)
    void hasOneInformerPerKindNamespaceAndSelectors(String namespace1, String labels1, String fields1,
                                                    String namespace2, String labels2, String fields2, boolean same) {
        SharedInformerFactory informers = factory();
        SharedInformer<Pod> first = informers.informerFor(ResourceKinds.PODS,
                new InformerScope(namespace1, labels1, fields1));
        SharedInformer<Pod> second = informers.informerFor(ResourceKinds.PODS,
                new InformerScope(namespace2, labels2, fields2));
        assertEquals(same, first == second);
        assertEquals(same ? 1 : 2, requests.size(), "one lister-watcher per informer");
    }

    @Test
    void differentKindsGetDifferentInformers() {
        SharedInformerFactory informers = factory();
        assertSame(informers.informerFor(ResourceKinds.PODS), informers.informerFor(ResourceKinds.PODS));
        assertNotSame((Object) informers.informerFor(ResourceKinds.PODS), informers.informerFor(ResourceKinds.NODES));
        assertEquals(List.of("pods in all namespaces", "nodes in all namespaces"), requests);
    }

    @Test
    void theScopeReachesTheServerAsNamespaceAndSelectors() throws InterruptedException {
        SharedInformerFactory informers = factory();
        SharedInformer<Pod> pods = informers.informerFor(ResourceKinds.PODS,
                InformerScope.namespace("default").withLabelSelector("app=web").withFieldSelector("spec.nodeName=n1"));
        informers.start();
        assertTrue(informers.waitForCacheSync(Eventually.DEFAULT_TIMEOUT));

        assertEquals(List.of("pods in default"), requests);
        assertEquals("pods[ns=default,labels=app=web,fields=spec.nodeName=n1]", pods.name());
        ListOptions list = server(ResourceKinds.PODS).listCalls().get(0);
        assertEquals("app=web", list.labelSelector());
        assertEquals("spec.nodeName=n1", list.fieldSelector());
        ListOptions watch = Eventually.awaitValue(() -> server(ResourceKinds.PODS).watchCalls(), l -> !l.isEmpty()).get(0);
        assertEquals("app=web", watch.labelSelector());
        assertEquals("spec.nodeName=n1", watch.fieldSelector());
    }

    @Test
    void aClusterScopedKindHasNoNamespace() {
        SharedInformerFactory informers = factory();
        assertThrows(IllegalArgumentException.class,
                () -> informers.informerFor(ResourceKinds.NODES, InformerScope.namespace("default")));
    }

    @Test
    void anExplicitListerWatcherIsUsedOnlyToCreateTheInformer() {
        SharedInformerFactory informers = factory();
        FakeApiServer<Node> nodes = new FakeApiServer<>();
        SharedInformer<Node> first = informers.informerFor(ResourceKinds.NODES, InformerScope.all(), () -> nodes);
        SharedInformer<Node> second = informers.informerFor(ResourceKinds.NODES, InformerScope.all(),
                () -> {
                    throw new AssertionError("not needed: the informer exists");
                });
        assertSame(first, second);
        assertSame(first, informers.informerFor(ResourceKinds.NODES, () -> nodes));
        assertSame(first, informers.informerFor(ResourceKinds.NODES));
        assertEquals(List.of(), requests, "the source was not asked");
    }

    @Test
    void startStartsWhatExistsAndWaitForCacheSyncWaitsForAll() throws InterruptedException {
        SharedInformerFactory informers = factory();
        server(ResourceKinds.PODS).create(TestObjects.pod("default/a", "n1"));
        SharedInformer<Pod> pods = informers.informerFor(ResourceKinds.PODS);
        informers.start();
        assertTrue(informers.waitForCacheSync(Eventually.DEFAULT_TIMEOUT));
        assertEquals(1, pods.lister().list("default", io.tugboat.api.labels.Selector.everything()).size());

        SharedInformer<Node> nodes = informers.informerFor(ResourceKinds.NODES);
        assertFalse(nodes.hasSynced(), "asked for after start: not started yet");
        informers.start();
        assertTrue(informers.waitForCacheSync(Eventually.DEFAULT_TIMEOUT));
        assertTrue(nodes.hasSynced());
    }

    @Test
    void waitForCacheSyncGivesUpWhenAnInformerCannotList() throws InterruptedException {
        clock = FakeClock.manual();                                  // the failing reflector waits in its backoff
        SharedInformerFactory informers = factory();
        server(ResourceKinds.PODS).failNextLists(Errors.serverError("etcd down"));
        informers.informerFor(ResourceKinds.PODS);
        informers.start();
        assertFalse(informers.waitForCacheSync(Duration.ofMillis(50)));
    }

    @Test
    void aStoppedFactoryStopsItsInformersAndHandsOutNoMore() throws InterruptedException {
        SharedInformerFactory informers = factory();
        informers.informerFor(ResourceKinds.PODS);
        informers.start();
        assertTrue(informers.waitForCacheSync(Eventually.DEFAULT_TIMEOUT));
        Eventually.await("the pod watch is open", () -> server(ResourceKinds.PODS).openWatches() == 1);

        informers.stop();
        assertEquals(0, server(ResourceKinds.PODS).openWatches());
        assertThrows(IllegalStateException.class, () -> informers.informerFor(ResourceKinds.NODES));
        assertThrows(IllegalStateException.class, informers::start);
    }
}
