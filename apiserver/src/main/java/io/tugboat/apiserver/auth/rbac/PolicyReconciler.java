package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.Subject;
import io.tugboat.apiserver.registry.Registry;
import io.tugboat.apiserver.rest.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link BootstrapPolicy} in place when the API server starts, as Kubernetes' {@code
 * rbac/bootstrap-roles} post-start hook: a missing role or binding is created; an existing one whose
 * {@code rbac.authorization.kubernetes.io/autoupdate} annotation is not {@code "false"} gets the rules or subjects
 * it lacks added (never removed: an administrator's additions stay); one annotated {@code "false"} is left exactly
 * as it is. Running it twice changes nothing.
 */
public final class PolicyReconciler {
    private static final Logger log = LoggerFactory.getLogger(PolicyReconciler.class);
    private final Map<ResourceKind<?>, Registry> registries;

    public PolicyReconciler(Map<ResourceKind<?>, Registry> registries) {
        this.registries = registries;
    }

    public void reconcile() {
        Registry roles = registries.get(ResourceKinds.CLUSTER_ROLES);
        for (ClusterRole wanted : BootstrapPolicy.clusterRoles()) {
            ensure(roles, wanted, existing -> {
                ClusterRole current = (ClusterRole) existing;
                List<PolicyRule> rules = new ArrayList<>(current.rules() == null ? List.of() : current.rules());
                boolean changed = false;
                for (PolicyRule rule : wanted.rules()) {
                    if (!rules.contains(rule)) {
                        rules.add(rule);
                        changed = true;
                    }
                }
                if (current.aggregationRule() == null && wanted.aggregationRule() != null) {
                    current = current.withAggregationRule(wanted.aggregationRule());
                    changed = true;
                }
                return changed ? current.withRules(rules) : null;
            });
        }
        Registry bindings = registries.get(ResourceKinds.CLUSTER_ROLE_BINDINGS);
        for (ClusterRoleBinding wanted : BootstrapPolicy.clusterRoleBindings()) {
            ensure(bindings, wanted, existing -> {
                ClusterRoleBinding current = (ClusterRoleBinding) existing;
                List<Subject> subjects = new ArrayList<>(current.subjects() == null ? List.of() : current.subjects());
                boolean changed = false;
                for (Subject subject : wanted.subjects() == null ? List.<Subject>of() : wanted.subjects()) {
                    if (!subjects.contains(subject)) {
                        subjects.add(subject);
                        changed = true;
                    }
                }
                return changed ? current.withSubjects(subjects) : null;
            });
        }
    }

    /** Creates {@code wanted} if missing; else applies {@code merge} (null: nothing to add) unless opted out. */
    private void ensure(Registry registry, KubernetesObject wanted, java.util.function.UnaryOperator<KubernetesObject> merge) {
        String name = wanted.metadata().name();
        KubernetesObject existing;
        try {
            existing = registry.get(null, name);
        } catch (ApiError e) {
            if (e.code() != 404) {
                throw e;
            }
            try {
                registry.create(null, wanted, false);
                log.info("created {} {}", wanted.kind(), name);
            } catch (ApiError raced) {
                if (raced.code() != 409) {
                    throw raced;
                }
            }
            return;
        }
        Map<String, String> annotations = existing.metadata().annotations();
        if (annotations != null && "false".equals(annotations.get(BootstrapPolicy.AUTOUPDATE))) {
            return;
        }
        KubernetesObject merged = merge.apply(existing);
        if (merged != null) {
            try {
                registry.update(null, name, merged, false, false);
                log.info("added missing permissions to {} {}", wanted.kind(), name);
            } catch (ApiError e) {
                // Another API server reconciled it first (409), or it was deleted meanwhile: the next start settles it.
                log.warn("could not reconcile {} {}: {}", wanted.kind(), name, e.getMessage());
            }
        }
    }
}
