package io.tugboat.apiserver.rest.table;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.RoleBinding;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bindings print {@code NAME ROLE AGE}, wide {@code USERS GROUPS SERVICEACCOUNTS}, as Kubernetes'
 * printRoleBinding: ROLE reads {@code ClusterRole/view}, service accounts {@code namespace/name}. Roles and
 * ClusterRoles keep the default {@code NAME CREATED AT}, as upstream.
 */
final class RbacPrinters {
    private RbacPrinters() {
    }

    private static final List<io.tugboat.api.meta.TableColumnDefinition> BINDING_COLUMNS = List.of(Columns.name(),
            Columns.string("Role", "The role the binding grants, as Kind/name."), Columns.age(),
            Columns.wide(Columns.string("Users", "Users the binding grants the role to.")),
            Columns.wide(Columns.string("Groups", "Groups the binding grants the role to.")),
            Columns.wide(Columns.string("ServiceAccounts", "Service accounts the binding grants the role to.")));

    static final RowPrinter<RoleBinding> ROLE_BINDINGS = RowPrinter.of(BINDING_COLUMNS,
            (b, now) -> cells(b, b.roleRef(), b.subjects(), now));

    static final RowPrinter<ClusterRoleBinding> CLUSTER_ROLE_BINDINGS = RowPrinter.of(BINDING_COLUMNS,
            (b, now) -> cells(b, b.roleRef(), b.subjects(), now));

    private static List<Object> cells(KubernetesObject binding, RoleRef ref, List<Subject> subjects, Instant now) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> serviceAccounts = new ArrayList<>();
        for (Subject s : Formats.list(subjects)) {
            switch (Formats.text(s.kind())) {
                case Subject.USER -> users.add(Formats.text(s.name()));
                case Subject.GROUP -> groups.add(Formats.text(s.name()));
                case Subject.SERVICE_ACCOUNT -> serviceAccounts.add(Formats.text(s.namespace()) + "/" + Formats.text(s.name()));
                default -> { }
            }
        }
        String role = ref == null ? "" : Formats.text(ref.kind()) + "/" + Formats.text(ref.name());
        return List.of(Formats.name(binding), role, Formats.age(binding, now), String.join(", ", users),
                String.join(", ", groups), String.join(", ", serviceAccounts));
    }
}
