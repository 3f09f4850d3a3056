package io.tugboat.client;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectList;

/**
 * What a reflector needs from the API: a full list, and a watch that continues from it. A
 * {@link ResourceClient} is one (scoped to a namespace or all namespaces); tests use in-memory fakes.
 */
public interface ListerWatcher<T extends KubernetesObject> {

    /** Every matching object (following continue tokens), and the resourceVersion of the list. */
    ObjectList<T> list(ListOptions options) throws ApiException;

    /** A watch from {@code options.resourceVersion()}. */
    WatchStream<T> watch(ListOptions options) throws ApiException;
}
