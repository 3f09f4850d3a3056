package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.Subject;
import io.tugboat.apiserver.auth.RequestAttributes;
import io.tugboat.apiserver.auth.UserInfo;
import java.util.List;

/**
 * Whether one rule covers one request, and whether one subject names one user: Kubernetes'
 * {@code rbac/v1/evaluation_helpers.go}, function for function. Pure; table-tested in {@code RuleMatcherTest}.
 *
 * <pre>
 *   rule {verbs: [get, list], apiGroups: [""], resources: [pods, pods/log]}
 *     get  /api/v1/namespaces/ns/pods/web        allowed   (resource "pods")
 *     get  /api/v1/namespaces/ns/pods/web/log    allowed   (resource "pods/log": a subresource is its own resource)
 *     get  /api/v1/namespaces/ns/pods/web/status denied    ("pods" does not cover "pods/status")
 *   rule {verbs: ["*"], apiGroups: ["*"], resources: ["*\/status"]}  covers the status of everything
 *   rule {verbs: [get], nonResourceURLs: ["/healthz", "/healthz/*"]}   /healthz and anything below it
 * </pre>
 */
public final class RuleMatcher {
    /** Matches every verb, group, resource or URL. */
    public static final String ALL = "*";

    private RuleMatcher() {
    }

    /** Whether {@code rule} allows the request. */
    public static boolean allows(PolicyRule rule, RequestAttributes request) {
        if (request.resourceRequest()) {
            return verbMatches(rule, request.verb())
                    && apiGroupMatches(rule, request.apiGroup())
                    && resourceMatches(rule, request.resourceWithSubresource(), request.subresource())
                    && resourceNameMatches(rule, request.name());
        }
        return verbMatches(rule, request.verb()) && nonResourceUrlMatches(rule, request.path());
    }

    public static boolean verbMatches(PolicyRule rule, String verb) {
        for (String v : list(rule.verbs())) {
            if (v.equals(ALL) || v.equals(verb)) {
                return true;
            }
        }
        return false;
    }

    public static boolean apiGroupMatches(PolicyRule rule, String group) {
        for (String g : list(rule.apiGroups())) {
            if (g.equals(ALL) || g.equals(group)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code combined} is {@code pods} or {@code pods/status}. A rule's {@code *} matches any resource and
     * subresource; {@code *}{@code /status} matches the status subresource of any resource.
     */
    public static boolean resourceMatches(PolicyRule rule, String combined, String subresource) {
        for (String r : list(rule.resources())) {
            if (r.equals(ALL) || r.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && r.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    /** No resourceNames means every name; otherwise the request must name one of them (so never a list). */
    public static boolean resourceNameMatches(PolicyRule rule, String name) {
        List<String> names = list(rule.resourceNames());
        return names.isEmpty() || names.contains(name);
    }

    /** Exact, {@code *}, or a prefix ending in {@code *} ({@code /healthz/*} matches {@code /healthz/etcd}). */
    public static boolean nonResourceUrlMatches(PolicyRule rule, String path) {
        for (String url : list(rule.nonResourceURLs())) {
            if (url.equals(ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a binding's subject names the user. A ServiceAccount subject without a namespace takes the
     * binding's ({@code bindingNamespace}, {@code ""} for a ClusterRoleBinding, where it then matches nobody) and
     * names the user {@code system:serviceaccount:<namespace>:<name>}.
     */
    public static boolean appliesTo(Subject subject, UserInfo user, String bindingNamespace) {
        if (subject == null || subject.kind() == null) {
            return false;
        }
        return switch (subject.kind()) {
            case Subject.USER -> user.name().equals(subject.name());
            case Subject.GROUP -> user.inGroup(subject.name());
            case Subject.SERVICE_ACCOUNT -> {
                String namespace = subject.namespace() == null || subject.namespace().isEmpty()
                        ? bindingNamespace : subject.namespace();
                yield !namespace.isEmpty()
                        && user.name().equals("system:serviceaccount:" + namespace + ":" + subject.name());
            }
            default -> false;
        };
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
