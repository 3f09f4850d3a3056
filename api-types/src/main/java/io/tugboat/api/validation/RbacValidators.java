package io.tugboat.api.validation;

import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.Role;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Roles and bindings, as Kubernetes' {@code pkg/apis/rbac/validation}: names need only fit in a URL path segment
 * (so {@code system:kube-scheduler} is a valid name); every rule names at least one verb, and either resources
 * (with at least one API group and one resource) or non-resource URLs (cluster roles only), never both; a
 * binding's roleRef is a {@code Role} or {@code ClusterRole} of group {@code rbac.authorization.k8s.io} and never
 * changes once the binding exists (delete and recreate it instead: a binding's meaning must not shift under the
 * subjects it names).
 */
final class RbacValidators {
    static final String GROUP = "rbac.authorization.k8s.io";

    private RbacValidators() {
    }

    static List<FieldError> rules(List<PolicyRule> rules, boolean namespaced, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<PolicyRule> list = MetaValidation.list(rules);
        for (int i = 0; i < list.size(); i++) {
            errs.addAll(rule(list.get(i) == null ? new PolicyRule(null, null, null, null, null) : list.get(i),
                    namespaced, path.index(i)));
        }
        return errs;
    }

    static List<FieldError> rule(PolicyRule rule, boolean namespaced, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (MetaValidation.list(rule.verbs()).isEmpty()) {
            errs.add(FieldError.required(path.child("verbs"), "verbs must contain at least one value"));
        }
        List<String> urls = MetaValidation.list(rule.nonResourceURLs());
        if (!urls.isEmpty()) {
            if (namespaced) {
                errs.add(FieldError.invalid(path.child("nonResourceURLs"), urls,
                        "namespaced rules cannot apply to non-resource URLs"));
            }
            if (!MetaValidation.list(rule.apiGroups()).isEmpty() || !MetaValidation.list(rule.resources()).isEmpty()
                    || !MetaValidation.list(rule.resourceNames()).isEmpty()) {
                errs.add(FieldError.invalid(path.child("nonResourceURLs"), urls,
                        "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return errs;
        }
        if (MetaValidation.list(rule.apiGroups()).isEmpty()) {
            errs.add(FieldError.required(path.child("apiGroups"), "resource rules must supply at least one api group"));
        }
        if (MetaValidation.list(rule.resources()).isEmpty()) {
            errs.add(FieldError.required(path.child("resources"), "resource rules must supply at least one resource"));
        }
        return errs;
    }

    static List<FieldError> meta(ObjectMeta meta, boolean namespaced) {
        return MetaValidation.objectMeta(meta, namespaced, Formats.PATH_SEGMENT_NAME, FieldPath.root("metadata"));
    }

    static List<FieldError> roleRef(RoleRef ref, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        RoleRef r = ref == null ? new RoleRef(null, null, null) : ref;
        if (!GROUP.equals(MetaValidation.str(r.apiGroup()))) {
            errs.add(FieldError.notSupported(path.child("apiGroup"), MetaValidation.str(r.apiGroup()), List.of(GROUP)));
        }
        String kind = MetaValidation.str(r.kind());
        if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
            errs.add(FieldError.notSupported(path.child("kind"), kind, List.of("ClusterRole", "Role")));
        }
        String name = MetaValidation.str(r.name());
        if (name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else {
            Formats.PATH_SEGMENT_NAME.check(name, false)
                    .forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
        }
        return errs;
    }

    static List<FieldError> subjects(List<Subject> subjects, boolean namespaced, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<Subject> list = MetaValidation.list(subjects);
        for (int i = 0; i < list.size(); i++) {
            Subject s = list.get(i) == null ? new Subject(null, null, null, null) : list.get(i);
            errs.addAll(subject(s, namespaced, path.index(i)));
        }
        return errs;
    }

    private static List<FieldError> subject(Subject s, boolean namespaced, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidation.str(s.name());
        if (name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        }
        String group = MetaValidation.str(s.apiGroup());
        switch (MetaValidation.str(s.kind())) {
            case Subject.SERVICE_ACCOUNT -> {
                if (!name.isEmpty()) {
                    Formats.SUBDOMAIN_NAME.check(name, false)
                            .forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
                }
                if (!group.isEmpty()) {
                    errs.add(FieldError.notSupported(path.child("apiGroup"), group, List.of("")));
                }
                if (!namespaced && MetaValidation.str(s.namespace()).isEmpty()) {
                    errs.add(FieldError.required(path.child("namespace"), ""));
                }
            }
            case Subject.USER, Subject.GROUP -> {
                if (!group.equals(GROUP)) {
                    errs.add(FieldError.notSupported(path.child("apiGroup"), group, List.of(GROUP)));
                }
            }
            default -> errs.add(FieldError.notSupported(path.child("kind"), MetaValidation.str(s.kind()),
                    List.of(Subject.SERVICE_ACCOUNT, Subject.USER, Subject.GROUP)));
        }
        return errs;
    }

    /** Kubernetes reports the whole (internal, untagged) struct as the bad value when refusing a new roleRef. */
    static List<FieldError> roleRefUnchanged(RoleRef n, RoleRef o) {
        if (Objects.equals(n, o)) {
            return List.of();
        }
        RoleRef r = n == null ? new RoleRef("", "", "") : n;
        return List.of(FieldError.invalid(FieldPath.root("roleRef"), GoFormat.GoStruct.of("APIGroup",
                MetaValidation.str(r.apiGroup()), "Kind", MetaValidation.str(r.kind()), "Name",
                MetaValidation.str(r.name())), "cannot change roleRef"));
    }

    static final class RoleValidator implements KindValidator<Role> {
        @Override
        public Class<Role> type() {
            return Role.class;
        }

        @Override
        public List<FieldError> validate(Role role) {
            List<FieldError> errs = new ArrayList<>(meta(role.metadata(), true));
            errs.addAll(rules(role.rules(), true, FieldPath.root("rules")));
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(Role n, Role o) {
            List<FieldError> errs = new ArrayList<>(validate(n));
            errs.addAll(MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
            return errs;
        }
    }

    static final class ClusterRoleValidator implements KindValidator<ClusterRole> {
        @Override
        public Class<ClusterRole> type() {
            return ClusterRole.class;
        }

        @Override
        public List<FieldError> validate(ClusterRole role) {
            List<FieldError> errs = new ArrayList<>(meta(role.metadata(), false));
            errs.addAll(rules(role.rules(), false, FieldPath.root("rules")));
            if (role.aggregationRule() != null) {
                FieldPath path = FieldPath.root("aggregationRule", "clusterRoleSelectors");
                List<LabelSelector> selectors = MetaValidation.list(role.aggregationRule().clusterRoleSelectors());
                if (selectors.isEmpty()) {
                    errs.add(FieldError.required(path, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
                }
                for (int i = 0; i < selectors.size(); i++) {
                    errs.addAll(LabelSelectors.validate(selectors.get(i), path.index(i)));
                }
            }
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(ClusterRole n, ClusterRole o) {
            List<FieldError> errs = new ArrayList<>(validate(n));
            errs.addAll(MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
            return errs;
        }
    }

    static final class RoleBindingValidator implements KindValidator<RoleBinding> {
        @Override
        public Class<RoleBinding> type() {
            return RoleBinding.class;
        }

        @Override
        public List<FieldError> validate(RoleBinding binding) {
            List<FieldError> errs = new ArrayList<>(meta(binding.metadata(), true));
            errs.addAll(roleRef(binding.roleRef(), FieldPath.root("roleRef")));
            errs.addAll(subjects(binding.subjects(), true, FieldPath.root("subjects")));
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(RoleBinding n, RoleBinding o) {
            List<FieldError> errs = new ArrayList<>(validate(n));
            errs.addAll(MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
            errs.addAll(roleRefUnchanged(n.roleRef(), o.roleRef()));
            return errs;
        }
    }

    static final class ClusterRoleBindingValidator implements KindValidator<ClusterRoleBinding> {
        @Override
        public Class<ClusterRoleBinding> type() {
            return ClusterRoleBinding.class;
        }

        @Override
        public List<FieldError> validate(ClusterRoleBinding binding) {
            List<FieldError> errs = new ArrayList<>(meta(binding.metadata(), false));
            errs.addAll(roleRef(binding.roleRef(), FieldPath.root("roleRef")));
            if (binding.roleRef() != null && "Role".equals(binding.roleRef().kind())) {
                // Kubernetes: a ClusterRoleBinding may only refer to a ClusterRole.
                errs.removeIf(e -> e.field().equals("roleRef.kind"));
                errs.add(FieldError.notSupported(FieldPath.root("roleRef", "kind"), "Role", List.of("ClusterRole")));
            }
            errs.addAll(subjects(binding.subjects(), false, FieldPath.root("subjects")));
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(ClusterRoleBinding n, ClusterRoleBinding o) {
            List<FieldError> errs = new ArrayList<>(validate(n));
            errs.addAll(MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
            errs.addAll(roleRefUnchanged(n.roleRef(), o.roleRef()));
            return errs;
        }
    }
}
