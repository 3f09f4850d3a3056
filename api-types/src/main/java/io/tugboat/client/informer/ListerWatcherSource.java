package io.tugboat.client.informer;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.ListerWatcher;

/**
 * Where a {@link SharedInformerFactory} gets its connections to the API server: a {@link ListerWatcher} for a
 * kind, in one namespace or all of them. The typed HTTP client implements it (its {@code ResourceClient} is a
 * {@code ListerWatcher}); tests pass in-memory fakes. Keeping this one method between the factory and HTTP
 * is what lets the informer package be tested without a server.
 *
 * <p>It is a generic method, so it is implemented by a class or a method reference to a generic method,
 * not by a lambda:
 * <pre>{@code
 * ListerWatcherSource source = apiClient::listerWatcher;
 * //   <T extends KubernetesObject> ListerWatcher<T> listerWatcher(ResourceKind<T> kind, String namespace)
 * }</pre>
 */
public interface ListerWatcherSource {

    /**
     * A lister-watcher for {@code kind}.
     *
     * @param namespace the namespace to scope to, or {@code null} for all namespaces (and for cluster-scoped
     *                  kinds). Label and field selectors are not passed here: the reflector sends them in the
     *                  {@link io.tugboat.client.ListOptions} of every list and watch call.
     */
    <T extends KubernetesObject> ListerWatcher<T> listerWatcher(ResourceKind<T> kind, String namespace);
}
