package io.tugboat.api.authorization;


/**
 * A resource request to ask about, as {@code kubectl auth can-i VERB RESOURCE} sends it.
 */
public record ResourceAttributes(
        String namespace,
        String verb,
        String group,
        String version,
        String resource,
        String subresource,
        String name) {
    public ResourceAttributes withNamespace(String namespace) {
        return new ResourceAttributes(namespace, verb, group, version, resource, subresource, name);
    }

    public ResourceAttributes withVerb(String verb) {
        return new ResourceAttributes(namespace, verb, group, version, resource, subresource, name);
    }

    public ResourceAttributes withGroup(String group) {
        return new ResourceAttributes(namespace, verb, group, version, resource, subresource, name);
    }

    public ResourceAttributes withVersion(String version) {
        return new ResourceAttributes(namespace, verb, group, version, resource, subresource, name);
    }

    public ResourceAttributes withResource(String resource) {
        return new ResourceAttributes(namespace, verb, group, version, resource, subresource, name);
    }

    public ResourceAttributes withSubresource(String subresource) {
        return new ResourceAttributes(namespace, verb, group, version, resource, subresource, name);
    }

    public ResourceAttributes withName(String name) {
        return new ResourceAttributes(namespace, verb, group, version, resource, subresource, name);
    }
}
