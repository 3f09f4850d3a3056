package io.tugboat.api.rbac;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * One permission: the verbs allowed on resources of some API groups (optionally only the named objects), or on
 * non-resource URLs. {@code *} matches anything in each list. Shape of Kubernetes rbac.authorization.k8s.io/v1 PolicyRule.
 */
public record PolicyRule(
        List<String> verbs,
        List<String> apiGroups,
        List<String> resources,
        List<String> resourceNames,
        List<String> nonResourceURLs) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public PolicyRule {
        verbs = Copies.list(verbs);
        apiGroups = Copies.list(apiGroups);
        resources = Copies.list(resources);
        resourceNames = Copies.list(resourceNames);
        nonResourceURLs = Copies.list(nonResourceURLs);
    }

    public PolicyRule withVerbs(List<String> verbs) {
        return new PolicyRule(verbs, apiGroups, resources, resourceNames, nonResourceURLs);
    }

    public PolicyRule withApiGroups(List<String> apiGroups) {
        return new PolicyRule(verbs, apiGroups, resources, resourceNames, nonResourceURLs);
    }

    public PolicyRule withResources(List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, resourceNames, nonResourceURLs);
    }

    public PolicyRule withResourceNames(List<String> resourceNames) {
        return new PolicyRule(verbs, apiGroups, resources, resourceNames, nonResourceURLs);
    }

    public PolicyRule withNonResourceURLs(List<String> nonResourceURLs) {
        return new PolicyRule(verbs, apiGroups, resources, resourceNames, nonResourceURLs);
    }

    /** A rule on resources. */
    public static PolicyRule resources(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, null, null);
    }

    /** A rule on non-resource URLs. */
    public static PolicyRule urls(List<String> verbs, List<String> nonResourceURLs) {
        return new PolicyRule(verbs, null, null, null, nonResourceURLs);
    }
}
