package io.tugboat.client.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

    @Test
    void aNamespacedObjectsKeyIsNamespaceSlashName() {
        assertEquals("default/web-1", Keys.keyOf(Pod.of(meta("default", "web-1"), null, null)));
    }

    @Test
    void aClusterScopedObjectsKeyIsItsName() {
        assertEquals("node-1", Keys.keyOf(Node.of(meta(null, "node-1"), null, null)));
        assertEquals("node-1", Keys.keyOf(Node.of(meta("", "node-1"), null, null)));
    }

    @Test
    void anObjectWithoutANameHasNoKey() {
        assertThrows(IllegalArgumentException.class, () -> Keys.keyOf(Pod.of(meta("default", null), null, null)));
    }

    @ParameterizedTest(name = "\"{0}\" splits into namespace \"{1}\" and name \"{2}\"")
    @CsvSource({
            "default/web-1, default, web-1",
            "node-1,        '',      node-1",
            "/node-1,       '',      node-1",   // an empty namespace is no namespace, as in client-go
    })
    void splitsAKeyIntoNamespaceAndName(String key, String namespace, String name) {
        ObjectKey id = Keys.split(key);

        assertEquals(new ObjectKey(namespace, name), id);
        assertEquals(namespace.isEmpty(), id.isClusterScoped());
    }

    @ParameterizedTest(name = "\"{0}\" is not a key")
    @ValueSource(strings = {"", "default/", "a/b/c"})
    void rejectsMalformedKeys(String key) {
        assertThrows(IllegalArgumentException.class, () -> Keys.split(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default/web-1", "node-1"})
    void splittingAndJoiningRoundTrips(String key) {
        assertEquals(key, Keys.split(key).key());
    }

    @Test
    void aRequeueDelayCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> ReconcileResult.requeueAfter(Duration.ofSeconds(-1)));
        assertTrue(ReconcileResult.done() instanceof ReconcileResult.Done);
    }

    private static ObjectMeta meta(String namespace, String name) {
        return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null, null);
    }
}
