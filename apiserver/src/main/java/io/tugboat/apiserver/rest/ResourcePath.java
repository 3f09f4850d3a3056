package io.tugboat.apiserver.rest;

import io.tugboat.api.ResourceKind;

/**
 * A parsed resource URL: {@code /api/v1/namespaces/default/pods/web/status} is kind pods, namespace default,
 * name web, subresource status. {@code watch} is set for the legacy {@code /watch/} path form.
 */
public record ResourcePath(ResourceKind<?> kind, String namespace, String name, String subresource, boolean watch,
                           String watchedName) {

    public ResourcePath(ResourceKind<?> kind, String namespace, String name, String subresource, boolean watch) {
        this(kind, namespace, name, subresource, watch, null);
    }

    /** The legacy {@code /watch/.../{name}} form: watch the collection, restricted to one name. */
    public ResourcePath withName(String name) {
        return new ResourcePath(kind, namespace, null, null, true, name);
    }
}
