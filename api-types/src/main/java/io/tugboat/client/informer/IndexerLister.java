package io.tugboat.client.informer;

import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Lister} over an {@link Indexer}: a key lookup, the namespace index when present, else a scan. */
final class IndexerLister<T extends KubernetesObject> implements Lister<T> {
    private final Indexer<T> indexer;

    IndexerLister(Indexer<T> indexer) {
        this.indexer = Objects.requireNonNull(indexer, "indexer");
    }

    @Override
    public Optional<T> get(String namespace, String name) {
        return indexer.get(Keys.key(namespace, name));
    }

    @Override
    public List<T> list(Selector selector) {
        return select(indexer.list(), null, selector);
    }

    @Override
    public List<T> list(String namespace, Selector selector) {
        String wanted = namespace == null ? "" : namespace;
        if (indexer.indexNames().contains(Indexers.NAMESPACE)) {
            return select(indexer.byIndex(Indexers.NAMESPACE, wanted), null, selector);
        }
        return select(indexer.list(), wanted, selector);
    }

    @Override
    public List<T> byIndex(String indexName, String indexedValue) {
        return indexer.byIndex(indexName, indexedValue);
    }

    /** The objects the selector matches, and that are in {@code namespace} unless it is {@code null}. */
    private static <T extends KubernetesObject> List<T> select(List<T> objects, String namespace, Selector selector) {
        if (namespace == null && selector.isEmpty()) {
            return objects;
        }
        List<T> selected = new ArrayList<>();
        for (T object : objects) {
            ObjectMeta meta = object.metadata();
            String objectNamespace = meta.namespace() == null ? "" : meta.namespace();
            if ((namespace == null || namespace.equals(objectNamespace)) && selector.matches(meta.labels())) {
                selected.add(object);
            }
        }
        return List.copyOf(selected);
    }
}
