package io.tugboat.controllermanager.testing;

import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.testing.FakeObjectClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Lister} over what a {@link FakeObjectClient} holds right now: a cache that is never behind, so a unit
 * test can reconcile the same controller instance many times (keeping its in-memory state) without refilling it.
 */
public final class LiveLister<T extends KubernetesObject> implements Lister<T> {
    private final FakeObjectClient<T> fake;

    public LiveLister(FakeObjectClient<T> fake) {
        this.fake = fake;
    }

    @Override
    public Optional<T> get(String namespace, String name) {
        return fake.objects().stream().filter(o -> Objects.equals(o.metadata().name(), name)
                && (namespace == null || Objects.equals(o.metadata().namespace(), namespace))).findFirst();
    }

    @Override
    public List<T> list(Selector selector) {
        return list(null, selector);
    }

    @Override
    public List<T> list(String namespace, Selector selector) {
        return fake.objects().stream()
                .filter(o -> namespace == null || Objects.equals(o.metadata().namespace(), namespace))
                .filter(o -> selector.matches(o.metadata().labels() == null ? Map.of() : o.metadata().labels()))
                .toList();
    }

    @Override
    public List<T> byIndex(String indexName, String value) {
        throw new UnsupportedOperationException("no indexes on a live fake");
    }
}
