package io.tugboat.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.labels.Selector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListerTest {

    /** The cache every row reads from. */
    private static final List<ConfigMap> OBJECTS = List.of(
            TestObjects.configMap("default/web", "app=web", "tier=frontend"),
            TestObjects.configMap("default/db", "app=db", "env=prod"),
            TestObjects.configMap("default/plain"),
            TestObjects.configMap("staging/web", "app=web", "env=staging"),
            TestObjects.configMap("cluster-wide", "app=web"));

    private static Lister<ConfigMap> lister(boolean withNamespaceIndex) {
        ThreadSafeStore<ConfigMap> store = withNamespaceIndex
                ? new ThreadSafeStore<>(Indexers.defaults())
                : new ThreadSafeStore<>(Map.of());
        store.replace(OBJECTS);
        return Lister.of(store);
    }

    private static String keys(List<ConfigMap> objects) {
        List<String> keys = objects.stream().map(Keys::keyOf).sorted().toList();
        return keys.isEmpty() ? "-" : String.join(",", keys);
    }

    @ParameterizedTest(name = "[namespace index: {0}] list(''{1}'', ''{2}'') = {3}")
    @CsvSource(delimiter = '|', nullValues = "*", textBlock = """
            true  | *       | ''              | cluster-wide,default/db,default/plain,default/web,staging/web
            true  | *       | app=web         | cluster-wide,default/web,staging/web
            true  | *       | app in (web,db) | cluster-wide,default/db,default/web,staging/web
            true  | *       | env!=prod       | cluster-wide,default/plain,default/web,staging/web
            true  | *       | env,env!=prod   | staging/web
            true  | *       | !app            | default/plain
            true  | default | ''              | default/db,default/plain,default/web
            true  | default | app=web         | default/web
            true  | staging | app=db          | -
            true  | nowhere | ''              | -
            true  | ''      | ''              | cluster-wide
            false | default | ''              | default/db,default/plain,default/web
            false | default | tier            | default/web
            false | ''      | app=web         | cluster-wide
            """)
    void listsWhatTheSelectorMatchesInTheNamespace(boolean withNamespaceIndex, String namespace, String selector,
                                                   String expected) {
        Lister<ConfigMap> lister = lister(withNamespaceIndex);
        Selector parsed = Selector.parse(selector);
        List<ConfigMap> found = namespace == null ? lister.list(parsed) : lister.list(namespace, parsed);
        assertEquals(expected, keys(found));
    }

    @ParameterizedTest(name = "[namespace index: {0}] the nothing selector selects nothing")
    @ValueSource(booleans = {true, false})
    void theNothingSelectorSelectsNothing(boolean withNamespaceIndex) {
        Lister<ConfigMap> lister = lister(withNamespaceIndex);
        assertTrue(lister.list(Selector.nothing()).isEmpty());
        assertTrue(lister.list("default", Selector.nothing()).isEmpty());
    }

    @ParameterizedTest(name = "get(''{0}'', ''{1}'') finds {2}")
    @CsvSource(delimiter = '|', nullValues = "*", textBlock = """
            default | web          | default/web
            staging | web          | staging/web
            default | nope         | -
            *       | cluster-wide | cluster-wide
            ''      | cluster-wide | cluster-wide
            *       | web          | -
            """)
    void getsOneObjectByNamespaceAndName(String namespace, String name, String expected) {
        Lister<ConfigMap> lister = lister(true);
        assertEquals(expected, keys(lister.get(namespace, name).stream().toList()));
        if (namespace == null) {
            assertEquals(expected, keys(lister.get(name).stream().toList()));
        }
    }

    @Test
    void byIndexReturnsTheCachedInstances() {
        Lister<ConfigMap> lister = lister(true);
        assertSame(lister.get("staging", "web").orElseThrow(), lister.byIndex(Indexers.NAMESPACE, "staging").get(0));
    }
}
