package io.tugboat.integration.sample;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.IndexFunc;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The sample controller: the whole controller pattern in one small class, as kubernetes/sample-controller is for
 * client-go. A ConfigMap annotated {@code mirror.tugboat.io/source: <name>} is kept a copy of the data of the
 * ConfigMap {@code <name>} in the same namespace.
 *
 * <pre>
 *   ConfigMap informer ──▶ handler: enqueue the mirror itself, and every mirror of a changed source
 *                             │        (found through the "by source" index — never by scanning)
 *                             ▼
 *                        work queue ──▶ reconcile("ns/mirror"):
 *                                         mirror = lister.get(...)      gone?  nothing to do
 *                                         source = lister.get(...)      gone?  desired data = {}
 *                                         data equal?                   done
 *                                         else update the mirror        409? throw: retried with backoff
 * </pre>
 *
 * It reads only from the lister (the informer's cache, never the API), writes only the difference, and is
 * idempotent: running it twice, or after a crash, converges to the same state. It never trusts the event that
 * woke it — by then the world may have moved on.
 */
public final class ConfigMapMirrorController implements Reconciler {
    /** The annotation naming the ConfigMap to copy. */
    public static final String SOURCE_ANNOTATION = "mirror.tugboat.io/source";
    /** Index: source key → the mirrors that copy it. */
    public static final String BY_SOURCE = "bySource";

    private final Lister<ConfigMap> configMaps;
    private final ObjectClient<ConfigMap> client;

    public ConfigMapMirrorController(Lister<ConfigMap> configMaps, ObjectClient<ConfigMap> client) {
        this.configMaps = configMaps;
        this.client = client;
    }

    /** The index that lets a change of a source find its mirrors. Register it before the informer starts. */
    public static Map<String, IndexFunc<ConfigMap>> indexers() {
        IndexFunc<ConfigMap> bySource = cm -> {
            String source = sourceOf(cm);
            return source == null ? List.of() : List.of(Keys.keyOf(cm.metadata().namespace(), source));
        };
        return Map.of(BY_SOURCE, bySource);
    }

    /**
     * The event handler: it only computes keys. A change to a mirror enqueues the mirror; a change to any
     * ConfigMap also enqueues the mirrors that copy it.
     */
    public static ResourceEventHandler<ConfigMap> handler(SharedInformer<ConfigMap> informer, Consumer<String> enqueue) {
        Consumer<ConfigMap> changed = cm -> {
            if (sourceOf(cm) != null) {
                enqueue.accept(Keys.keyOf(cm));
            }
            for (ConfigMap mirror : informer.indexer().byIndex(BY_SOURCE, Keys.keyOf(cm))) {
                enqueue.accept(Keys.keyOf(mirror));
            }
        };
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(ConfigMap oldObject, ConfigMap newObject) {
                changed.accept(newObject);
            }

            @Override
            public void onDelete(Deleted<ConfigMap> deleted) {
                if (deleted.lastKnown() != null) {
                    changed.accept(deleted.lastKnown());
                }
            }
        };
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        ConfigMap mirror = configMaps.get(id.namespace(), id.name()).orElse(null);
        if (mirror == null || sourceOf(mirror) == null) {
            return ReconcileResult.done(); // deleted, or no longer a mirror: nothing to keep in sync
        }
        ConfigMap source = configMaps.get(id.namespace(), sourceOf(mirror)).orElse(null);
        Map<String, String> desired = source == null || source.data() == null ? Map.of() : source.data();
        Map<String, String> actual = mirror.data() == null ? Map.of() : mirror.data();
        if (Objects.equals(desired, actual)) {
            return ReconcileResult.done();
        }
        // The cached object is immutable: write a modified copy. Its resourceVersion makes the update
        // conditional, so a stale cache costs a 409 and a retry, never a lost write.
        client.inNamespace(id.namespace()).update(mirror.withData(desired));
        return ReconcileResult.done();
    }

    private static String sourceOf(ConfigMap cm) {
        Map<String, String> annotations = cm.metadata().annotations();
        return annotations == null ? null : annotations.get(SOURCE_ANNOTATION);
    }
}
