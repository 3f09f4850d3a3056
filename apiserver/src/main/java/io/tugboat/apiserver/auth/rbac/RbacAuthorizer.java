package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import io.tugboat.apiserver.auth.Authorizer;
import io.tugboat.apiserver.auth.Decision;
import io.tugboat.apiserver.auth.RequestAttributes;
import io.tugboat.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization mode {@code RBAC}: a request is allowed if some binding that names the user grants a role with
 * a rule covering it (Kubernetes' {@code plugin/pkg/auth/authorizer/rbac}). There are no deny rules, so the answer
 * is ALLOW or NO_OPINION, never DENY.
 *
 * <p>The walk, as Kubernetes' {@code VisitRulesFor}: every ClusterRoleBinding (its role's rules apply everywhere),
 * then, for a namespaced request, the RoleBindings of that namespace (their role's rules apply there only). It
 * stops at the first rule that allows. A binding whose role does not exist contributes nothing; the error is kept,
 * and a request nobody allowed gets {@code RBAC: clusterrole.rbac.authorization.k8s.io "x" not found} as the
 * reason, appended to the 403 message as Kubernetes does. A plain no-match has no reason.
 *
 * <p>A ClusterRole with an {@code aggregationRule} grants its own rules plus those of every ClusterRole its
 * selectors match. Kubernetes has a controller copy them into the role; Tugboat computes the union when
 * evaluating (same permissions, but {@code kubectl get clusterrole view -o yaml} shows only the stored rules).
 */
public final class RbacAuthorizer implements Authorizer {
    private final RbacPolicy policy;

    public RbacAuthorizer(RbacPolicy policy) {
        this.policy = policy;
    }

    /** The server's RBAC authorizer, reading roles and bindings from the registries' watch caches. */
    public static RbacAuthorizer forRegistries(java.util.Map<io.tugboat.api.ResourceKind<?>,
            io.tugboat.apiserver.registry.Registry> registries) {
        return new RbacAuthorizer(new CachedRbacPolicy(registries));
    }

    /** Called for each rule the user has, with where it came from; returns false to stop the walk. */
    @FunctionalInterface
    interface RuleVisitor {
        boolean visit(String source, PolicyRule rule);
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        String[] allowedBy = new String[1];
        List<String> errors = visitRulesFor(request.user(), request.namespace(), (source, rule) -> {
            if (RuleMatcher.allows(rule, request)) {
                allowedBy[0] = source;
                return false;
            }
            return true;
        });
        if (allowedBy[0] != null) {
            return Decision.allow("RBAC: allowed by " + allowedBy[0]);
        }
        return Decision.noOpinion(errors.isEmpty() ? "" : "RBAC: " + aggregate(errors));
    }

    /** What the user may do in {@code namespace} ({@code ""}: cluster-wide only), and the errors met on the way. */
    public record Rules(List<PolicyRule> rules, List<String> errors) {
    }

    /** Every rule the user has in {@code namespace}: for escalation checks and SelfSubjectRulesReview. */
    public Rules rulesFor(UserInfo user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        List<String> errors = visitRulesFor(user, namespace, (source, rule) -> rules.add(rule));
        return new Rules(rules, errors);
    }

    /** The rules a roleRef grants in {@code namespace} (for a RoleBinding's Role), or an error message. */
    public Rules roleRefRules(RoleRef ref, String namespace) {
        List<String> errors = new ArrayList<>();
        List<PolicyRule> rules = rulesOf(ref, namespace, errors);
        return new Rules(rules, errors);
    }

    private List<String> visitRulesFor(UserInfo user, String namespace, RuleVisitor visitor) {
        List<String> errors = new ArrayList<>();
        for (ClusterRoleBinding binding : policy.clusterRoleBindings()) {
            Subject subject = appliesTo(binding.subjects(), user, "");
            if (subject == null) {
                continue;
            }
            String source = "ClusterRoleBinding " + quote(binding.metadata().name()) + " of " + describe(binding.roleRef())
                    + " to " + describe(subject, "");
            for (PolicyRule rule : rulesOf(binding.roleRef(), "", errors)) {
                if (!visitor.visit(source, rule)) {
                    return errors;
                }
            }
        }
        if (namespace == null || namespace.isEmpty()) {
            return errors;
        }
        for (RoleBinding binding : policy.roleBindings(namespace)) {
            Subject subject = appliesTo(binding.subjects(), user, namespace);
            if (subject == null) {
                continue;
            }
            String source = "RoleBinding " + quote(binding.metadata().name() + "/" + namespace) + " of "
                    + describe(binding.roleRef()) + " to " + describe(subject, namespace);
            for (PolicyRule rule : rulesOf(binding.roleRef(), namespace, errors)) {
                if (!visitor.visit(source, rule)) {
                    return errors;
                }
            }
        }
        return errors;
    }

    private static Subject appliesTo(List<Subject> subjects, UserInfo user, String namespace) {
        if (subjects == null) {
            return null;
        }
        for (Subject subject : subjects) {
            if (RuleMatcher.appliesTo(subject, user, namespace)) {
                return subject;
            }
        }
        return null;
    }

    private List<PolicyRule> rulesOf(RoleRef ref, String namespace, List<String> errors) {
        if (ref == null) {
            return List.of();
        }
        switch (String.valueOf(ref.kind())) {
            case "Role" -> {
                Optional<io.tugboat.api.rbac.Role> role = policy.role(namespace, ref.name());
                if (role.isEmpty()) {
                    errors.add("role.rbac.authorization.k8s.io " + quote(ref.name()) + " not found");
                    return List.of();
                }
                return nonNull(role.get().rules());
            }
            case "ClusterRole" -> {
                Optional<ClusterRole> role = policy.clusterRole(ref.name());
                if (role.isEmpty()) {
                    errors.add("clusterrole.rbac.authorization.k8s.io " + quote(ref.name()) + " not found");
                    return List.of();
                }
                return clusterRoleRules(role.get());
            }
            default -> {
                errors.add("unsupported role reference kind: " + quote(String.valueOf(ref.kind())));
                return List.of();
            }
        }
    }

    /** A ClusterRole's rules, with those of the roles its aggregationRule selects (one level, as the controller). */
    List<PolicyRule> clusterRoleRules(ClusterRole role) {
        if (role.aggregationRule() == null || role.aggregationRule().clusterRoleSelectors() == null) {
            return nonNull(role.rules());
        }
        Set<PolicyRule> rules = new LinkedHashSet<>(nonNull(role.rules()));
        for (LabelSelector labelSelector : role.aggregationRule().clusterRoleSelectors()) {
            Selector selector = Selector.fromLabelSelector(labelSelector);
            for (ClusterRole other : policy.clusterRoles()) {
                Map<String, String> labels = other.metadata().labels() == null ? Map.of() : other.metadata().labels();
                if (other != role && !other.metadata().name().equals(role.metadata().name()) && selector.matches(labels)) {
                    rules.addAll(nonNull(other.rules()));
                }
            }
        }
        return List.copyOf(rules);
    }

    private static List<PolicyRule> nonNull(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules.stream().filter(r -> r != null).toList();
    }

    private static String describe(RoleRef ref) {
        return ref.kind() + " " + quote(ref.name());
    }

    private static String describe(Subject subject, String bindingNamespace) {
        if (Subject.SERVICE_ACCOUNT.equals(subject.kind())) {
            String ns = subject.namespace() == null || subject.namespace().isEmpty() ? bindingNamespace : subject.namespace();
            return subject.kind() + " " + quote(subject.name() + "/" + ns);
        }
        return subject.kind() + " " + quote(subject.name());
    }

    /** utilerrors.NewAggregate's message: one error alone, several bracketed. */
    private static String aggregate(List<String> errors) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(errors));
        return unique.size() == 1 ? unique.get(0) : "[" + String.join(", ", unique) + "]";
    }

    static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }
}
