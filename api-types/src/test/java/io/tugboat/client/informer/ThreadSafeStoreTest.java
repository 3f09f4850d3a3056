package io.tugboat.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Pod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadSafeStoreTest {
    private static final String NODE = Indexers.NODE_NAME;
    private static final String OWNER = Indexers.OWNER_UID;
    private static final String NS = Indexers.NAMESPACE;

    /**
     * Pods written as {@code key@node^owner^owner}; node {@code -} means not scheduled. The fixture every table
     * starts from:
     */
    private static final String FIXTURE = "default/a@n1^u1 default/b@n1^u1^u2 kube-system/c@n2 default/d@-";

    private static Pod parse(String spec) {
        String[] ownerParts = spec.split("\\^");
        String[] keyAndNode = ownerParts[0].split("@");
        String node = keyAndNode[1].equals("-") ? null : keyAndNode[1];
        return TestObjects.pod(keyAndNode[0], node, Arrays.copyOfRange(ownerParts, 1, ownerParts.length));
    }

    private static List<Pod> parseAll(String specs) {
        return Arrays.stream(specs.trim().split("\\s+")).map(ThreadSafeStoreTest::parse).toList();
    }

    private static ThreadSafeStore<Pod> fixture() {
        ThreadSafeStore<Pod> store = new ThreadSafeStore<>(Map.of(
                NS, Indexers.namespace(),
                NODE, Indexers.<Pod>field(p -> p.spec().nodeName()),
                OWNER, Indexers.ownerUid()));
        parseAll(FIXTURE).forEach(store::upsert);
        return store;
    }

    private static String index(String shortName) {
        return switch (shortName) {
            case "ns" -> NS;
            case "node" -> NODE;
            case "owner" -> OWNER;
            default -> throw new IllegalArgumentException(shortName);
        };
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? "-" : String.join(",", values);
    }

    /** Applies steps like {@code "upsert default/a@n2; delete default/b; replace default/a@n1 default/e@n2"}. */
    private static void apply(ThreadSafeStore<Pod> store, String steps) {
        if (steps.equals("-")) {
            return;
        }
        for (String step : steps.split(";")) {
            String[] verbAndArgs = step.trim().split("\\s+", 2);
            switch (verbAndArgs[0]) {
                case "upsert" -> store.upsert(parse(verbAndArgs[1]));
                case "delete" -> store.delete(verbAndArgs[1]);
                case "replace" -> store.replace(verbAndArgs.length == 1 ? List.of() : parseAll(verbAndArgs[1]));
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    @ParameterizedTest(name = "after ''{0}'', {1}={2} lists {3} and {1} has values {4}")
    @CsvSource(delimiter = '|', textBlock = """
            -                                      | ns    | default     | default/a,default/b,default/d | default,kube-system
            -                                      | ns    | nowhere     | -                             | default,kube-system
            -                                      | node  | n1          | default/a,default/b           | n1,n2
            -                                      | owner | u1          | default/a,default/b           | u1,u2
            -                                      | owner | u2          | default/b                     | u1,u2
            upsert default/a@n2^u1                 | node  | n1          | default/b                     | n1,n2
            upsert default/a@n2^u1                 | node  | n2          | default/a,kube-system/c       | n1,n2
            upsert default/a@-^u1                  | node  | n1          | default/b                     | n1,n2
            upsert default/d@n3                    | node  | n3          | default/d                     | n1,n2,n3
            upsert default/b@n1^u1                 | owner | u2          | -                             | u1
            upsert default/a@n1^u3^u3              | owner | u3          | default/a                     | u1,u2,u3
            upsert other/e@n1                      | ns    | other       | other/e                       | default,kube-system,other
            delete kube-system/c                   | node  | n2          | -                             | n1
            delete kube-system/c                   | ns    | kube-system | -                             | default
            delete default/b                       | owner | u1          | default/a                     | u1
            delete default/zzz                     | node  | n1          | default/a,default/b           | n1,n2
            upsert default/a@n2; delete default/a  | node  | n2          | kube-system/c                 | n1,n2
            replace default/a@n1 default/e@n2      | node  | n2          | default/e                     | n1,n2
            replace default/a@n1 default/e@n2      | ns    | kube-system | -                             | default
            replace default/a@n1 default/e@n2      | owner | u1          | -                             | -
            replace                                | node  | n1          | -                             | -
            replace default/a@n1 default/a@n2      | node  | n2          | default/a                     | n2
            """)
    void indexesFollowEveryWrite(String steps, String index, String value, String keys, String values) {
        ThreadSafeStore<Pod> store = fixture();
        apply(store, steps);
        assertEquals(keys, joined(store.indexKeys(index(index), value)));
        assertEquals(values, joined(store.indexValues(index(index))));
        // byIndex returns the cached objects behind exactly those keys
        assertEquals(keys, joined(store.byIndex(index(index), value).stream().map(Keys::keyOf).sorted().toList()));
    }

    @Test
    void upsertAndDeleteReturnTheVersionTheyReplaced() {
        ThreadSafeStore<ConfigMap> store = new ThreadSafeStore<>();
        ConfigMap v1 = TestObjects.atVersion(TestObjects.configMap("default/web"), 1);
        ConfigMap v2 = TestObjects.atVersion(v1, 2);

        assertEquals(Optional.empty(), store.upsert(v1));
        assertSame(v1, store.upsert(v2).orElseThrow());
        assertSame(v2, store.delete("default/web").orElseThrow());
        assertEquals(Optional.empty(), store.delete("default/web"));
    }

    @Test
    void readersGetTheCachedInstanceInUnmodifiableLists() {
        ThreadSafeStore<ConfigMap> store = new ThreadSafeStore<>(Indexers.defaults());
        ConfigMap web = TestObjects.configMap("default/web");
        store.upsert(web);

        assertSame(web, store.get("default/web").orElseThrow());
        assertSame(web, store.list().get(0));
        assertSame(web, store.byIndex(NS, "default").get(0));
        assertThrows(UnsupportedOperationException.class, () -> store.list().clear());
        assertThrows(UnsupportedOperationException.class, () -> store.byIndex(NS, "default").clear());
        assertThrows(UnsupportedOperationException.class, () -> store.listKeys().add("x"));
    }

    @Test
    void clusterScopedObjectsAreFiledUnderTheEmptyNamespace() {
        ThreadSafeStore<ConfigMap> store = new ThreadSafeStore<>(Indexers.defaults());
        store.upsert(TestObjects.configMap("global"));
        assertEquals(List.of("global"), store.indexKeys(NS, ""));
        assertEquals(List.of("global"), store.listKeys());
    }

    @Test
    void addingAnIndexFilesTheObjectsAlreadyCached() {
        ThreadSafeStore<Pod> store = new ThreadSafeStore<>();
        parseAll(FIXTURE).forEach(store::upsert);
        store.addIndexers(Map.of(NODE, Indexers.<Pod>field(p -> p.spec().nodeName())));
        assertEquals(List.of("default/a", "default/b"), store.indexKeys(NODE, "n1"));
    }

    @Test
    void anIndexNameCanBeRegisteredOnlyOnce() {
        ThreadSafeStore<Pod> store = fixture();
        assertThrows(IllegalArgumentException.class, () -> store.addIndexers(Map.of(NODE, p -> List.of())));
    }

    @Test
    void askingForAnUnknownIndexIsAnError() {
        ThreadSafeStore<Pod> store = fixture();
        assertThrows(IllegalArgumentException.class, () -> store.byIndex("spec.schedulerName", "x"));
        assertThrows(IllegalArgumentException.class, () -> store.indexKeys("spec.schedulerName", "x"));
        assertThrows(IllegalArgumentException.class, () -> store.indexValues("spec.schedulerName"));
    }

    @Test
    void aCustomIndexFunctionMayFileAnObjectUnderSeveralValues() {
        ThreadSafeStore<ConfigMap> store = new ThreadSafeStore<>(Map.of("dataKeys",
                cm -> cm.data() == null ? List.of() : List.copyOf(cm.data().keySet())));
        store.upsert(ConfigMap.of(TestObjects.meta("default/a"), Map.of("x", "1", "y", "2"), null, null));
        store.upsert(ConfigMap.of(TestObjects.meta("default/b"), Map.of("y", "3"), null, null));
        assertEquals(List.of("default/a"), store.indexKeys("dataKeys", "x"));
        assertEquals(List.of("default/a", "default/b"), store.indexKeys("dataKeys", "y"));
    }

    @Test
    void aReplaceWithANamelessObjectChangesNothing() {
        ThreadSafeStore<Pod> store = fixture();
        Pod nameless = TestObjects.pod("default/x", "n9");
        nameless = nameless.withMetadata(nameless.metadata().withName(null));
        List<Pod> list = List.of(parse("default/e@n9"), nameless);

        assertThrows(IllegalArgumentException.class, () -> store.replace(list));
        assertEquals(List.of("n1", "n2"), store.indexValues(NODE));
        assertEquals(4, store.list().size());
    }

    @Test
    void readersNeverSeeHalfOfAReplace() throws InterruptedException {
        // Two lists with disjoint keys; a reader checks that what it sees is all of one or all of the other.
        List<ConfigMap> even = IntStream.range(0, 200).filter(i -> i % 2 == 0)
                .mapToObj(i -> TestObjects.configMap("default/cm-" + i)).toList();
        List<ConfigMap> odd = IntStream.range(0, 200).filter(i -> i % 2 == 1)
                .mapToObj(i -> TestObjects.configMap("default/cm-" + i)).toList();
        ThreadSafeStore<ConfigMap> store = new ThreadSafeStore<>(Indexers.defaults());
        store.replace(even);

        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && torn.get() == null) {
                List<String> keys = store.indexKeys(NS, "default");
                long evens = keys.stream().filter(k -> Integer.parseInt(k.substring(11)) % 2 == 0).count();
                if (keys.size() != 100 || (evens != 0 && evens != 100)) {
                    torn.set(keys.size() + " keys, " + evens + " even");
                }
            }
        });
        reader.start();
        for (int i = 0; i < 300; i++) {
            store.replace(i % 2 == 0 ? odd : even);
        }
        done.set(true);
        reader.join();
        assertEquals(null, torn.get());
    }

    @Test
    void replaceKeepsTheInstancesOfTheNewList() {
        ThreadSafeStore<Pod> store = fixture();
        List<Pod> fresh = parseAll("default/a@n1^u1 default/e@n5");
        store.replace(fresh);
        assertSame(fresh.get(0), store.get("default/a").orElseThrow());
        assertFalse(store.get("default/b").isPresent());
        assertTrue(store.get("default/e").isPresent());
        assertEquals(List.of("default/a", "default/e"),
                new ArrayList<>(store.listKeys()).stream().sorted().collect(Collectors.toList()));
    }
}
