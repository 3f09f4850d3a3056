package io.tugboat.client.testing;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.informer.IndexFunc;
import io.tugboat.client.informer.Indexers;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ThreadSafeStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Informer caches filled by hand, for unit tests of reconcilers: what an informer would hold after syncing,
 * without an API server.
 *
 * <pre>{@code
 * ThreadSafeStore<Pod> pods = Listers.store(Map.of(Indexers.OWNER_UID, Indexers.ownerUid()), pod1, pod2);
 * Lister<Pod> podLister = Lister.of(pods);
 * }</pre>
 */
public final class Listers {
    private Listers() {
    }

    /** A store holding {@code objects}, with the namespace index plus {@code indexers}. */
    @SafeVarargs
    public static <T extends KubernetesObject> ThreadSafeStore<T> store(Map<String, IndexFunc<T>> indexers, T... objects) {
        Map<String, IndexFunc<T>> all = new HashMap<>(Indexers.defaults());
        all.putAll(indexers);
        ThreadSafeStore<T> store = new ThreadSafeStore<>(all);
        store.replace(List.of(objects));
        return store;
    }

    /** A lister over {@code objects}, with the default indexes. */
    @SafeVarargs
    public static <T extends KubernetesObject> Lister<T> of(T... objects) {
        return Lister.of(store(Map.of(), objects));
    }
}
