package io.tugboat.api.authorization;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * One resource rule the caller has, as {@code kubectl auth can-i --list} prints it.
 */
public record ResourceRule(
        List<String> verbs,
        List<String> apiGroups,
        List<String> resources,
        List<String> resourceNames) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ResourceRule {
        verbs = Copies.list(verbs);
        apiGroups = Copies.list(apiGroups);
        resources = Copies.list(resources);
        resourceNames = Copies.list(resourceNames);
    }

    public ResourceRule withVerbs(List<String> verbs) {
        return new ResourceRule(verbs, apiGroups, resources, resourceNames);
    }

    public ResourceRule withApiGroups(List<String> apiGroups) {
        return new ResourceRule(verbs, apiGroups, resources, resourceNames);
    }

    public ResourceRule withResources(List<String> resources) {
        return new ResourceRule(verbs, apiGroups, resources, resourceNames);
    }

    public ResourceRule withResourceNames(List<String> resourceNames) {
        return new ResourceRule(verbs, apiGroups, resources, resourceNames);
    }
}
