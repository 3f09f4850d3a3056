package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.apiserver.auth.Authorizer;
import io.tugboat.apiserver.auth.RequestAttributes;
import io.tugboat.apiserver.auth.UserInfo;
import io.tugboat.apiserver.auth.WriteAdmission;
import io.tugboat.apiserver.rest.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * RBAC's guard against privilege escalation, as Kubernetes' {@code registry/rbac/*}/policybased storage: being
 * allowed to create roles and bindings must not let a user grant more than they have.
 *
 * <ul>
 *   <li>Creating or changing a Role or ClusterRole: allowed if the user already holds every permission in it
 *       (in the role's namespace), or may {@code escalate} that role. Setting an aggregationRule needs
 *       cluster-admin's {@code *} on everything.</li>
 *   <li>Creating or changing a binding: allowed if the user holds every permission of the referenced role (in the
 *       binding's namespace), or may {@code bind} that role.</li>
 *   <li>Members of {@code system:masters} skip both checks.</li>
 * </ul>
 *
 * Refusal: 403, {@code roles.rbac.authorization.k8s.io "r" is forbidden: user "alice" (groups=["system:authenticated"])
 * is attempting to grant RBAC permissions not currently held:} followed by one line per missing permission,
 * {@code {APIGroups:[""], Resources:["secrets"], Verbs:["get"]}}. An update that only touches metadata is not
 * checked (Kubernetes exempts garbage-collection fields; Tugboat exempts every metadata-only change).
 */
public final class Escalation implements WriteAdmission {
    private static final List<PolicyRule> FULL_AUTHORITY = List.of(
            PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")),
            PolicyRule.urls(List.of("*"), List.of("*")));

    private final RbacAuthorizer rbac;
    private final Authorizer authorizer;

    /**
     * @param rbac       resolves what the user holds
     * @param authorizer the server's whole chain, asked about {@code escalate} and {@code bind}
     */
    public Escalation(RbacAuthorizer rbac, Authorizer authorizer) {
        this.rbac = rbac;
        this.authorizer = authorizer;
    }

    @Override
    public void admit(Attributes a) {
        if (a.operation() == Operation.DELETE || a.user() == null || a.user().inGroup(UserInfo.MASTERS)) {
            return;
        }
        KubernetesObject object = a.object();
        if (object instanceof Role role) {
            if (a.old() instanceof Role old && Objects.equals(old.rules(), role.rules())) {
                return;
            }
            checkRole(a, role.metadata().name(), a.namespace(), role.rules(), false);
        } else if (object instanceof ClusterRole role) {
            if (a.old() instanceof ClusterRole old && Objects.equals(old.rules(), role.rules())
                    && Objects.equals(old.aggregationRule(), role.aggregationRule())) {
                return;
            }
            checkRole(a, role.metadata().name(), "", role.rules(), role.aggregationRule() != null);
        } else if (object instanceof RoleBinding binding) {
            if (a.old() instanceof RoleBinding old && Objects.equals(old.subjects(), binding.subjects())
                    && Objects.equals(old.roleRef(), binding.roleRef())) {
                return;
            }
            checkBinding(a, binding.metadata().name(), a.namespace(), binding.roleRef());
        } else if (object instanceof ClusterRoleBinding binding) {
            if (a.old() instanceof ClusterRoleBinding old && Objects.equals(old.subjects(), binding.subjects())
                    && Objects.equals(old.roleRef(), binding.roleRef())) {
                return;
            }
            checkBinding(a, binding.metadata().name(), "", binding.roleRef());
        }
    }

    private void checkRole(Attributes a, String name, String namespace, List<PolicyRule> rules, boolean aggregates) {
        String resource = a.kind() == ResourceKinds.ROLES ? "roles" : "clusterroles";
        if (authorizer.authorize(RequestAttributes.resource(a.user(), "escalate", BootstrapPolicy.GROUP, "v1", resource,
                "", namespace, name)).allowed()) {
            return;
        }
        String refusal = refusal(a.user(), namespace, rules == null ? List.of() : rules);
        if (refusal != null) {
            throw ApiError.forbidden(a.kind(), name, refusal);
        }
        if (aggregates && refusal(a.user(), namespace, FULL_AUTHORITY) != null) {
            throw ApiError.forbidden(a.kind(), name, "must have cluster-admin privileges to use the aggregationRule");
        }
    }

    private void checkBinding(Attributes a, String name, String namespace, RoleRef ref) {
        if (ref == null) {
            return;   // validation reports it
        }
        String resource = "Role".equals(ref.kind()) ? "roles" : "clusterroles";
        if (authorizer.authorize(RequestAttributes.resource(a.user(), "bind", BootstrapPolicy.GROUP, "v1", resource,
                "", namespace, ref.name())).allowed()) {
            return;
        }
        RbacAuthorizer.Rules granted = rbac.roleRefRules(ref, namespace);
        if (!granted.errors().isEmpty()) {
            throw ApiError.forbidden(a.kind(), name, String.join(", ", granted.errors()));
        }
        String refusal = refusal(a.user(), namespace, granted.rules());
        if (refusal != null) {
            throw ApiError.forbidden(a.kind(), name, refusal);
        }
    }

    /** Null if the user holds every rule in {@code namespace}; else Kubernetes' message listing what is missing. */
    String refusal(UserInfo user, String namespace, List<PolicyRule> rules) {
        RbacAuthorizer.Rules owned = rbac.rulesFor(user, namespace);
        List<PolicyRule> missing = missing(owned.rules(), rules);
        if (missing.isEmpty()) {
            return null;
        }
        TreeSet<String> lines = new TreeSet<>();
        compact(missing).forEach(rule -> lines.add(compactString(rule)));
        String message = "user " + RbacAuthorizer.quote(user.name()) + " (groups=" + goQuoted(user.groups())
                + ") is attempting to grant RBAC permissions not currently held:\n" + String.join("\n", lines);
        if (!owned.errors().isEmpty()) {
            message += "; resolution errors: [" + String.join(" ", owned.errors()) + "]";
        }
        return message;
    }

    /** The atomic permissions of {@code servant} that no rule of {@code owner} covers (Kubernetes' Covers). */
    static List<PolicyRule> missing(List<PolicyRule> owner, List<PolicyRule> servant) {
        List<PolicyRule> missing = new ArrayList<>();
        for (PolicyRule rule : servant) {
            for (PolicyRule atom : breakdown(rule)) {
                if (owner.stream().noneMatch(o -> covers(o, atom))) {
                    missing.add(atom);
                }
            }
        }
        return missing;
    }

    /** One rule per verb × group × resource × name, or per verb × URL. */
    static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> atoms = new ArrayList<>();
        for (String group : list(rule.apiGroups())) {
            for (String resource : list(rule.resources())) {
                for (String verb : list(rule.verbs())) {
                    if (list(rule.resourceNames()).isEmpty()) {
                        atoms.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), null, null));
                    }
                    for (String name : list(rule.resourceNames())) {
                        atoms.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), List.of(name), null));
                    }
                }
            }
        }
        for (String url : list(rule.nonResourceURLs())) {
            for (String verb : list(rule.verbs())) {
                atoms.add(PolicyRule.urls(List.of(verb), List.of(url)));
            }
        }
        return atoms;
    }

    /** Whether {@code owner} grants all of {@code sub} (Kubernetes' ruleCovers). */
    static boolean covers(PolicyRule owner, PolicyRule sub) {
        boolean verbs = list(owner.verbs()).contains("*") || list(owner.verbs()).containsAll(list(sub.verbs()));
        boolean groups = list(owner.apiGroups()).contains("*") || list(owner.apiGroups()).containsAll(list(sub.apiGroups()));
        boolean resources = list(sub.resources()).stream().allMatch(r -> list(owner.resources()).contains(r)
                || list(owner.resources()).contains("*")
                || (r.contains("/") && list(owner.resources()).contains("*" + r.substring(r.indexOf('/')))));
        boolean urls = list(sub.nonResourceURLs()).stream().allMatch(u -> list(owner.nonResourceURLs()).stream()
                .anyMatch(o -> o.equals(u) || (o.endsWith("*") && u.startsWith(o.substring(0, o.length() - 1)))));
        boolean names = list(sub.resourceNames()).isEmpty() ? list(owner.resourceNames()).isEmpty()
                : list(owner.resourceNames()).isEmpty() || list(owner.resourceNames()).containsAll(list(sub.resourceNames()));
        return verbs && groups && resources && urls && names;
    }

    /** Merges atomic resource rules that differ only in verb, as Kubernetes' CompactRules. */
    static List<PolicyRule> compact(List<PolicyRule> atoms) {
        Map<List<Object>, PolicyRule> merged = new LinkedHashMap<>();
        List<PolicyRule> others = new ArrayList<>();
        for (PolicyRule atom : atoms) {
            if (list(atom.nonResourceURLs()).isEmpty()) {
                List<Object> key = List.of(atom.apiGroups(), atom.resources(), list(atom.resourceNames()));
                merged.merge(key, atom, (a, b) -> {
                    List<String> verbs = new ArrayList<>(a.verbs());
                    b.verbs().stream().filter(v -> !verbs.contains(v)).forEach(verbs::add);
                    return a.withVerbs(verbs);
                });
            } else {
                others.add(atom);
            }
        }
        List<PolicyRule> out = new ArrayList<>(merged.values());
        out.addAll(others);
        return out;
    }

    /** {@code {APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}}, as rbacv1helpers.CompactString. */
    static String compactString(PolicyRule r) {
        List<String> parts = new ArrayList<>();
        if (!list(r.apiGroups()).isEmpty()) {
            parts.add("APIGroups:" + goQuoted(r.apiGroups()));
        }
        if (!list(r.resources()).isEmpty()) {
            parts.add("Resources:" + goQuoted(r.resources()));
        }
        if (!list(r.nonResourceURLs()).isEmpty()) {
            parts.add("NonResourceURLs:" + goQuoted(r.nonResourceURLs()));
        }
        if (!list(r.resourceNames()).isEmpty()) {
            parts.add("ResourceNames:" + goQuoted(r.resourceNames()));
        }
        if (!list(r.verbs()).isEmpty()) {
            parts.add("Verbs:" + goQuoted(r.verbs()));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** Go's {@code %q} of a []string: {@code ["a" "b"]}. */
    static String goQuoted(List<String> values) {
        return "[" + String.join(" ", list(values).stream().map(RbacAuthorizer::quote).toList()) + "]";
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
