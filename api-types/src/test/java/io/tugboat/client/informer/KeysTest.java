package io.tugboat.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.ObjectMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysTest {

    @ParameterizedTest(name = "namespace ''{0}'' and name ''{1}'' make key ''{2}''")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            default     | web    | default/web
            kube-system | dns    | kube-system/dns
            null        | node-1 | node-1
            ''          | node-1 | node-1
            """)
    void keysAreNamespaceSlashNameOrJustNameForClusterScopedObjects(String namespace, String name, String key) {
        ObjectMeta meta = TestObjects.meta("x").withNamespace(namespace).withName(name);
        assertEquals(key, Keys.keyOf(ConfigMap.of(meta, null, null, null)));
        assertEquals(key, Keys.key(namespace, name));
        assertEquals(namespace == null ? "" : namespace, Keys.namespaceOf(key));
        assertEquals(name, Keys.nameOf(key));
    }

    @Test
    void anObjectWithoutANameHasNoKey() {
        ConfigMap nameless = ConfigMap.of(TestObjects.meta("default/x").withName(null), null, null, null);
        assertThrows(IllegalArgumentException.class, () -> Keys.keyOf(nameless));
    }
}
