package io.tugboat.client.informer;

import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.KubernetesObject;
import java.util.List;
import java.util.Optional;

/**
 * What a controller reads: a read-only, namespace- and label-aware view of an informer's cache. A
 * level-triggered {@code reconcile(key)} looks up the object and everything related to it here — never in
 * the event that woke it up, which may be stale by the time the worker runs.
 *
 * <pre>{@code
 * Optional<ReplicaSet> rs = replicaSets.get(namespace, name);
 * List<Pod> pods = podLister.list(namespace, Selector.of(rs.spec().selector().matchLabels(), null));
 * }</pre>
 *
 * <p>Objects are shared with every other reader and immutable (see {@link Indexer}); the lists are fresh and
 * unmodifiable. Answers come from the local cache, so they can lag the API server by the watch latency —
 * which is fine for a control loop that will be woken again when the cache catches up. Mirrors the generated
 * listers of client-go ({@code listers/core/v1/pod.go}) and {@code tools/cache/listers.go}.
 *
 * @param <T> the kind of object listed
 */
public interface Lister<T extends KubernetesObject> {

    /** A lister over {@code indexer}; uses its {@link Indexers#NAMESPACE} index when it has one. */
    static <T extends KubernetesObject> Lister<T> of(Indexer<T> indexer) {
        return new IndexerLister<>(indexer);
    }

    /** The object {@code name} in {@code namespace}; a {@code null} or empty namespace means cluster-scoped. */
    Optional<T> get(String namespace, String name);

    /** The cluster-scoped object {@code name} (a node, a namespace); same as {@code get(null, name)}. */
    default Optional<T> get(String name) {
        return get(null, name);
    }

    /** Every cached object whose labels the selector matches, across all namespaces. */
    List<T> list(Selector selector);

    /** The cached objects in {@code namespace} whose labels the selector matches. */
    List<T> list(String namespace, Selector selector);

    /**
     * The objects filed under {@code indexedValue} in the index {@code indexName}.
     *
     * @throws IllegalArgumentException if there is no index with that name
     */
    List<T> byIndex(String indexName, String indexedValue);
}
