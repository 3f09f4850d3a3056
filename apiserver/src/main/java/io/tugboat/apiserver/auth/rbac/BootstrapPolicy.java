package io.tugboat.apiserver.auth.rbac;

import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.rbac.AggregationRule;
import io.tugboat.api.rbac.ClusterRole;
import io.tugboat.api.rbac.ClusterRoleBinding;
import io.tugboat.api.rbac.PolicyRule;
import io.tugboat.api.rbac.RoleRef;
import io.tugboat.api.rbac.Subject;
import io.tugboat.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The roles and bindings every cluster starts with, after Kubernetes' {@code plugin/pkg/auth/authorizer/rbac/
 * bootstrappolicy}, restricted to the kinds Tugboat serves. Each carries the label
 * {@code kubernetes.io/bootstrapping: rbac-defaults} and the annotation
 * {@code rbac.authorization.kubernetes.io/autoupdate: "true"}; {@link PolicyReconciler} creates the missing ones at
 * start and leaves alone any an administrator changed (by setting the annotation to {@code "false"}).
 *
 * <pre>
 *   ClusterRole                      bound to (ClusterRoleBinding of the same name)
 *   cluster-admin                    group system:masters
 *   admin, edit, view                nobody: grant them with a RoleBinding in a namespace
 *   system:discovery                 group system:authenticated
 *   system:basic-user                group system:authenticated (SelfSubjectAccessReview/RulesReview)
 *   system:public-info-viewer        groups system:authenticated, system:unauthenticated
 *   system:kube-scheduler            user system:kube-scheduler
 *   system:volume-scheduler          user system:kube-scheduler (volume binding: claims, volumes)
 *   system:kube-controller-manager   user system:kube-controller-manager
 *   system:node                      nobody, and no rules: kubelets are served by the Node authorizer
 *   system:node-proxier              group system:nodes (the service proxy and cluster DNS run in the node agent)
 * </pre>
 *
 * <p>{@code system:node-proxier} is kube-proxy's role upstream, bound there to kube-proxy's own identity. Tugboat's
 * node agent runs the service proxy and the cluster DNS server itself, under the node's identity, so the role is
 * bound to the {@code system:nodes} group (binding {@code tugboat:node-proxier}): every kubelet may read Services,
 * Endpoints and EndpointSlices, which is what both need and no more than a Service's clients see anyway.
 *
 * {@code admin}, {@code edit} and {@code view} aggregate, as upstream: each selects the ClusterRoles labelled
 * {@code rbac.authorization.k8s.io/aggregate-to-<name>: "true"}; the upstream {@code system:aggregate-to-*} roles
 * carry the rules and {@code edit} includes {@code view}, {@code admin} includes {@code edit}.
 */
public final class BootstrapPolicy {
    public static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    static final String GROUP = "rbac.authorization.k8s.io";
    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("create", "update", "patch", "delete", "deletecollection");
    private static final List<String> READ_WRITE = List.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    private BootstrapPolicy() {
    }

    public static List<ClusterRole> clusterRoles() {
        List<ClusterRole> roles = new ArrayList<>();
        roles.add(role("cluster-admin", List.of(
                rule(List.of("*"), List.of("*"), List.of("*")),
                PolicyRule.urls(List.of("*"), List.of("*")))));
        roles.add(aggregated("admin", "aggregate-to-admin"));
        roles.add(aggregated("edit", "aggregate-to-edit"));
        roles.add(aggregated("view", "aggregate-to-view"));
        roles.add(labelled(role("system:aggregate-to-admin", List.of(
                rule(List.of("create"), List.of("authorization.k8s.io"), List.of("localsubjectaccessreviews")),
                rule(READ_WRITE, List.of(GROUP), List.of("rolebindings", "roles")))),
                "aggregate-to-admin"));
        roles.add(labelled(role("system:aggregate-to-edit", List.of(
                rule(WRITE, List.of(""), List.of("pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward")),
                rule(List.of("create"), List.of(""), List.of("pods/eviction")),
                rule(WRITE, List.of(""), List.of("replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts",
                        "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events")),
                // Reading secrets and exec'ing into pods can reveal credentials: edit has them, view does not.
                rule(READ, List.of(""), List.of("pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets",
                        "services/proxy")),
                rule(WRITE, List.of("apps"), List.of("daemonsets", "deployments", "deployments/rollback",
                        "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale")),
                rule(WRITE, List.of("batch"), List.of("jobs", "cronjobs")))),
                "aggregate-to-admin", "aggregate-to-edit"));
        roles.add(labelled(role("system:aggregate-to-view", List.of(
                rule(READ, List.of(""), List.of("pods", "replicationcontrollers", "replicationcontrollers/scale",
                        "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims",
                        "persistentvolumeclaims/status", "configmaps")),
                rule(READ, List.of(""), List.of("limitranges", "resourcequotas", "bindings", "events", "pods/status",
                        "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log")),
                rule(READ, List.of(""), List.of("namespaces")),
                rule(READ, List.of("apps"), List.of("controllerrevisions", "daemonsets", "daemonsets/status",
                        "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale",
                        "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status")),
                rule(READ, List.of("batch"), List.of("cronjobs", "cronjobs/status", "jobs", "jobs/status")))),
                "aggregate-to-admin", "aggregate-to-edit", "aggregate-to-view"));
        roles.add(role("system:discovery", List.of(PolicyRule.urls(List.of("get"), List.of("/api", "/api/*", "/apis",
                "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/")))));
        roles.add(role("system:basic-user", List.of(rule(List.of("create"), List.of("authorization.k8s.io"),
                List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
                rule(List.of("create"), List.of("authentication.k8s.io"), List.of("selfsubjectreviews")))));
        roles.add(role("system:public-info-viewer", List.of(PolicyRule.urls(List.of("get"),
                List.of("/healthz", "/livez", "/readyz", "/version", "/version/")))));
        roles.add(role("system:kube-scheduler", schedulerRules()));
        // Upstream's separate role for the scheduler's VolumeBinding plugin, which pre-binds volumes and annotates
        // claims with their selected node (ApiVolumeWriter).
        roles.add(role("system:volume-scheduler", List.of(
                rule(List.of("get", "list", "watch", "patch", "update"), List.of(""), List.of("persistentvolumes")),
                rule(READ, List.of("storage.k8s.io"), List.of("storageclasses")),
                rule(List.of("get", "list", "watch", "patch", "update"), List.of(""), List.of("persistentvolumeclaims")))));
        roles.add(role("system:kube-controller-manager", controllerManagerRules()));
        // Empty, as in Kubernetes: kubelets are authorized by the Node authorizer, which knows which objects
        // belong to which node; a role cannot express "only pods bound to me".
        roles.add(role("system:node", List.of()));
        roles.add(role("system:node-proxier", List.of(
                rule(List.of("list", "watch"), List.of(""), List.of("endpoints", "services")),
                rule(List.of("get", "list", "watch"), List.of(""), List.of("nodes")),
                rule(List.of("create", "patch", "update"), List.of("", "events.k8s.io"), List.of("events")),
                rule(List.of("list", "watch"), List.of("discovery.k8s.io"), List.of("endpointslices")))));
        return withAggregatedRules(roles);
    }

    /**
     * The aggregated roles as Kubernetes' aggregation controller leaves them: their stored rules are the rules of
     * the default roles their selectors match, so {@code kubectl describe clusterrole view} lists them. (Roles
     * labelled later are summed in when RBAC evaluates, see {@link RbacAuthorizer}.)
     */
    private static List<ClusterRole> withAggregatedRules(List<ClusterRole> roles) {
        List<ClusterRole> out = new ArrayList<>();
        for (ClusterRole role : roles) {
            if (role.aggregationRule() == null) {
                out.add(role);
                continue;
            }
            List<PolicyRule> rules = new ArrayList<>();
            for (LabelSelector selector : role.aggregationRule().clusterRoleSelectors()) {
                for (ClusterRole other : roles) {
                    Map<String, String> labels = other.metadata().labels();
                    if (other != role && labels != null && labels.entrySet().containsAll(selector.matchLabels().entrySet())) {
                        other.rules().stream().filter(r -> !rules.contains(r)).forEach(rules::add);
                    }
                }
            }
            out.add(role.withRules(rules));
        }
        return out;
    }

    /**
     * What Tugboat's scheduler calls (SchedulerServer, the DefaultBinder plugin, leader election): watch pods,
     * nodes, claims and volumes; bind pods; write the PodScheduled condition through pods/status; its Lease;
     * events. Upstream's role also lists kinds Tugboat does not serve (csinodes, poddisruptionbudgets...).
     */
    static List<PolicyRule> schedulerRules() {
        return List.of(
                rule(List.of("create", "patch", "update"), List.of("", "events.k8s.io"), List.of("events")),
                rule(List.of("create"), List.of("coordination.k8s.io"), List.of("leases")),
                new PolicyRule(List.of("get", "update"), List.of("coordination.k8s.io"), List.of("leases"),
                        List.of("kube-scheduler"), null),
                rule(READ, List.of(""), List.of("nodes")),
                rule(List.of("get", "list", "watch", "delete"), List.of(""), List.of("pods")),
                rule(List.of("create"), List.of(""), List.of("bindings", "pods/binding")),
                rule(List.of("patch", "update"), List.of(""), List.of("pods/status")),
                rule(READ, List.of(""), List.of("replicationcontrollers", "services", "namespaces",
                        "persistentvolumeclaims", "persistentvolumes")),
                rule(READ, List.of("apps"), List.of("replicasets", "statefulsets")),
                rule(READ, List.of("storage.k8s.io"), List.of("storageclasses")));
    }

    /**
     * Tugboat's controller-manager runs every controller under its one identity (Kubernetes' with
     * {@code --use-service-account-credentials=false}), so its role is the union of what they call: the garbage
     * collector and namespace controller read, update and delete objects of every kind (upstream's
     * generic-garbage-collector and namespace-controller roles); the workload controllers create pods, replica
     * sets, revisions, jobs and claims; the volume controller creates volumes; everyone records events; its Lease.
     */
    static List<PolicyRule> controllerManagerRules() {
        return List.of(
                rule(List.of("create", "patch", "update"), List.of("", "events.k8s.io"), List.of("events")),
                rule(List.of("create"), List.of("coordination.k8s.io"), List.of("leases")),
                new PolicyRule(List.of("get", "update"), List.of("coordination.k8s.io"), List.of("leases"),
                        List.of("kube-controller-manager"), null),
                rule(List.of("get", "list", "watch", "update", "patch", "delete", "deletecollection"), List.of("*"),
                        List.of("*")),
                rule(List.of("create"), List.of(""), List.of("pods", "persistentvolumeclaims", "persistentvolumes",
                        "endpoints", "pods/eviction")),
                rule(List.of("create"), List.of("apps"), List.of("replicasets", "controllerrevisions")),
                rule(List.of("create"), List.of("batch"), List.of("jobs")));
    }

    public static List<ClusterRoleBinding> clusterRoleBindings() {
        return List.of(
                binding("cluster-admin", Subject.group(UserInfo.MASTERS)),
                binding("system:discovery", Subject.group(UserInfo.AUTHENTICATED)),
                binding("system:basic-user", Subject.group(UserInfo.AUTHENTICATED)),
                binding("system:public-info-viewer", Subject.group(UserInfo.AUTHENTICATED),
                        Subject.group(UserInfo.UNAUTHENTICATED)),
                binding("system:kube-scheduler", Subject.user("system:kube-scheduler")),
                binding("system:volume-scheduler", Subject.user("system:kube-scheduler")),
                binding("system:kube-controller-manager", Subject.user("system:kube-controller-manager")),
                // Kubernetes keeps this binding, with no subjects, so that old clusters stop granting system:node
                // to the system:nodes group once the Node authorizer is in use.
                ClusterRoleBinding.of(meta("system:node"), null, new RoleRef(GROUP, "ClusterRole", "system:node")),
                ClusterRoleBinding.of(meta("tugboat:node-proxier"), List.of(Subject.group(UserInfo.NODES)),
                        new RoleRef(GROUP, "ClusterRole", "system:node-proxier")));
    }

    private static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources) {
        return PolicyRule.resources(verbs, groups, resources);
    }

    private static ClusterRole role(String name, List<PolicyRule> rules) {
        return ClusterRole.of(meta(name), null, rules);
    }

    private static ClusterRole aggregated(String name, String label) {
        AggregationRule rule = new AggregationRule(List.of(new LabelSelector(
                Map.of(GROUP + "/" + label, "true"), null)));
        return ClusterRole.of(meta(name), rule, List.of());
    }

    private static ClusterRole labelled(ClusterRole role, String... aggregateTo) {
        Map<String, String> labels = new java.util.LinkedHashMap<>(role.metadata().labels());
        for (String label : aggregateTo) {
            labels.put(GROUP + "/" + label, "true");
        }
        return role.withMetadata(role.metadata().withLabels(labels));
    }

    private static ClusterRoleBinding binding(String name, Subject... subjects) {
        return ClusterRoleBinding.of(meta(name), List.of(subjects), new RoleRef(GROUP, "ClusterRole", name));
    }

    private static ObjectMeta meta(String name) {
        return new ObjectMeta(name, null, null, null, null, null, null, null, null, null,
                Map.of("kubernetes.io/bootstrapping", "rbac-defaults"), Map.of(AUTOUPDATE, "true"), null, null);
    }
}
