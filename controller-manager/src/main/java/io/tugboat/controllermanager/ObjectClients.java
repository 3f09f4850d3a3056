package io.tugboat.controllermanager;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ObjectClient;

/**
 * A client for any kind, chosen at run time: what the controllers that work on every kind (the garbage
 * collector, the namespace controller) write through. The real one is {@link #of(ApiClient)}; a unit test
 * hands out {@link io.tugboat.client.testing.FakeObjectClient}s instead.
 */
@FunctionalInterface
public interface ObjectClients {

    /** The client for {@code kind}, across all namespaces (narrow it with {@code inNamespace}). */
    <T extends KubernetesObject> ObjectClient<T> forKind(ResourceKind<T> kind);

    /** Clients talking to the API server behind {@code client}. */
    static ObjectClients of(ApiClient client) {
        return new ObjectClients() {
            @Override
            public <T extends KubernetesObject> ObjectClient<T> forKind(ResourceKind<T> kind) {
                return client.resources(kind);
            }
        };
    }
}
