package io.tugboat.client;

import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectList;

/**
 * The verbs a controller uses to write objects of one kind, as an interface: {@link ResourceClient} sends them
 * to the API server, {@link io.tugboat.client.testing.FakeObjectClient} keeps objects in memory and records the
 * calls, so a controller's {@code reconcile} can be unit-tested without a server.
 */
public interface ObjectClient<T extends KubernetesObject> {

    /** The same client for one namespace ({@code null}: all namespaces). */
    ObjectClient<T> inNamespace(String namespace);

    T get(String name) throws ApiException;

    ObjectList<T> list(ListOptions options) throws ApiException;

    T create(T object) throws ApiException;

    T update(T object) throws ApiException;

    T updateStatus(T object) throws ApiException;

    /** A JSON merge patch (RFC 7386) of the main resource. */
    T mergePatch(String name, String patch) throws ApiException;

    void delete(String name, DeleteOptions options) throws ApiException;
}
