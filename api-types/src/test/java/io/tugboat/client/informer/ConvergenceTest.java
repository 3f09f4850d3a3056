package io.tugboat.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.ListOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The property the whole package exists for: whatever the server does — writes racing the watch, watches
 * ending, falling behind and being told 410, streams breaking, history compacted — the cache ends up equal to
 * the server, and so does every handler that rebuilds the collection from nothing but its notifications.
 */
class ConvergenceTest {
    private static final List<String> NAMESPACES = List.of("default", "kube-system", "team-a");

    /**
     * Rebuilds the collection from notifications alone, and records every notification that does not fit what
     * it was told before: an add of something it has, an update from a version it never had, a delete of
     * something it does not have.
     */
    private static final class MirrorHandler implements ResourceEventHandler<ConfigMap> {
        private final Map<String, ConfigMap> mirror = new HashMap<>();
        private final List<String> violations = new ArrayList<>();

        @Override
        public synchronized void onAdd(ConfigMap object) {
            if (mirror.put(Keys.keyOf(object), object) != null) {
                violations.add("add of a cached object: " + Keys.keyOf(object));
            }
        }

        @Override
        public synchronized void onUpdate(ConfigMap oldObject, ConfigMap newObject) {
            String key = Keys.keyOf(newObject);
            if (mirror.get(key) != oldObject) {
                violations.add("update of " + key + " from a version never delivered");
            }
            if (version(newObject) <= version(oldObject)) {
                violations.add("update of " + key + " not moving forward: " + version(oldObject) + " -> " + version(newObject));
            }
            mirror.put(key, newObject);
        }

        @Override
        public synchronized void onDelete(Deleted<ConfigMap> deleted) {
            ConfigMap had = mirror.remove(deleted.key());
            if (had == null) {
                violations.add("delete of an unknown object: " + deleted.key());
            } else if (deleted instanceof DeletedFinalStateUnknown<ConfigMap> tombstone && tombstone.lastKnown() != had) {
                violations.add("tombstone for " + deleted.key() + " does not carry the last delivered version");
            }
        }

        synchronized Map<String, String> versions() {
            return versionsOf(mirror.values());
        }

        synchronized List<String> violations() {
            return List.copyOf(violations);
        }
    }

    private static long version(ConfigMap object) {
        return Long.parseLong(object.metadata().resourceVersion());
    }

    private static Map<String, String> versionsOf(Iterable<ConfigMap> objects) {
        Map<String, String> versions = new TreeMap<>();
        for (ConfigMap object : objects) {
            versions.put(Keys.keyOf(object), object.metadata().resourceVersion());
        }
        return versions;
    }

    /** One random step: mostly writes; sometimes the server misbehaves. */
    private static void step(FakeApiServer<ConfigMap> server, Random random, int i) {
        int dice = random.nextInt(100);
        if (dice < 90) {
            write(server, random, i);
        } else if (dice < 93) {
            server.endWatches();
        } else if (dice < 95) {
            server.bumpRevision(1 + random.nextInt(5));
            server.bookmark(TestObjects.configMap("bookmark"));
        } else if (dice < 96) {
            server.compact();
        } else {
            // An outage: the client stops hearing, writes go on, history is compacted, then the watch ends
            // in one of the three ways that force a relist.
            server.partition();
            for (int w = random.nextInt(6); w > 0; w--) {
                write(server, random, i);
            }
            server.compact();
            switch (random.nextInt(3)) {
                case 0 -> server.expireWatches();
                case 1 -> server.endWatches();   // the re-watch from the old version gets 410
                default -> server.breakWatches();
            }
        }
    }

    private static void write(FakeApiServer<ConfigMap> server, Random random, int i) {
        String key = NAMESPACES.get(random.nextInt(NAMESPACES.size())) + "/cm-" + random.nextInt(15);
        ConfigMap current = server.snapshot().get(key);
        if (current == null) {
            server.create(TestObjects.configMap(key, "gen=" + i));
        } else if (random.nextInt(4) == 0) {
            server.delete(key);
        } else {
            server.update(current.withMetadata(current.metadata().withLabels(TestObjects.labels("gen=" + i))));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theCacheAndEveryHandlerConvergeToTheServersState(long seed) throws InterruptedException {
        FakeApiServer<ConfigMap> server = new FakeApiServer<>();
        FakeClock clock = FakeClock.autoAdvancing();
        SharedInformer<ConfigMap> informer = new SharedInformer<>("configmaps", server, ListOptions.none(),
                InformerOptions.defaults().withClock(clock).withSleeper(clock).withRandom(new Random(seed)));
        MirrorHandler early = new MirrorHandler();
        MirrorHandler late = new MirrorHandler();
        informer.addEventHandler(early);
        informer.start();

        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Random random = new Random(seed);
            for (int i = 0; i < 1500; i++) {
                step(server, random, i);
                if (i == 700) {
                    informer.addEventHandler(late); // joins while changes are flowing
                }
            }
        }, "writer");
        writer.setUncaughtExceptionHandler((t, e) -> writerFailure.set(e));
        try {
            writer.start();
            Eventually.joined(writer);
            assertEquals(null, writerFailure.get());

            Map<String, String> expected = versionsOf(server.snapshot().values());
            Eventually.await("the cache equals the server", () -> versionsOf(informer.indexer().list()).equals(expected));
            Eventually.await("the early handler's mirror equals the server", () -> early.versions().equals(expected));
            Eventually.await("the late handler's mirror equals the server", () -> late.versions().equals(expected));
            assertEquals(List.of(), early.violations());
            assertEquals(List.of(), late.violations());

            Map<String, List<String>> byNamespace = expected.keySet().stream()
                    .collect(Collectors.groupingBy(Keys::namespaceOf, TreeMap::new, Collectors.toList()));
            assertEquals(byNamespace.keySet(), new TreeSet<>(informer.indexer().indexValues(Indexers.NAMESPACE)));
            byNamespace.forEach((namespace, keys) ->
                    assertEquals(keys, informer.indexer().indexKeys(Indexers.NAMESPACE, namespace)));
            assertEquals(expected, versionsOf(informer.lister().list(Selector.everything())));
        } finally {
            informer.stop();
        }
    }
}
