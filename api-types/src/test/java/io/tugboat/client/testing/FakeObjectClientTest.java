package io.tugboat.client.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FakeObjectClientTest {

    @Test
    void concurrentCreatesWithGenerateNameNeverCollide() throws Exception {
        FakeObjectClient<ConfigMap> client = new FakeObjectClient<>(ResourceKinds.CONFIG_MAPS);
        ConfigMap template = new ConfigMap("v1", "ConfigMap",
                new ObjectMeta(null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                        .withNamespace("default").withGenerateName("cm-"), null, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> names = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                names.add(pool.submit(() -> client.create(template).metadata().name()));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> name : names) {
                distinct.add(name.get());
            }
            assertEquals(400, distinct.size());
            assertEquals(400, client.inNamespace("default").list(io.tugboat.client.ListOptions.none()).items().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
