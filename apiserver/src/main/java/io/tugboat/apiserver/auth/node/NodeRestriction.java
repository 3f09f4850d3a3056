package io.tugboat.apiserver.auth.node;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.apiserver.auth.WriteAdmission;
import io.tugboat.apiserver.rest.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kubernetes' NodeRestriction admission plugin: the Node authorizer lets a kubelet create and update Nodes,
 * Leases and pods because it cannot see the object's name or binding in a create; this plugin, which sees the
 * object, refuses a kubelet writing anything but its own:
 *
 * <ul>
 *   <li>nodes (and nodes/status): only the Node named after it — {@code node "a" is not allowed to modify node "b"} —
 *       and no labels of its own choosing in the kubernetes.io and k8s.io namespaces beyond the kubelet's
 *       ({@code kubernetes.io/hostname}, {@code node.kubernetes.io/...}), none under
 *       {@code node-restriction.kubernetes.io};</li>
 *   <li>leases: only its own in kube-node-lease;</li>
 *   <li>pods: create only mirror pods bound to itself; delete, update status, evict only pods bound to it.</li>
 * </ul>
 *
 * Users that are not nodes pass untouched. Refusals are 403 with Kubernetes' messages.
 */
public final class NodeRestriction implements WriteAdmission {
    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    @Override
    public void admit(Attributes a) {
        String node = a.user() == null ? null : a.user().nodeName();
        if (node == null) {
            return;
        }
        if (a.kind() == ResourceKinds.NODES) {
            String requested = a.name().isEmpty() && a.object() != null ? a.object().metadata().name() : a.name();
            if (a.operation() != Operation.DELETE && !node.equals(requested)) {
                throw ApiError.forbidden(a.kind(), requested, "node \"" + node + "\" is not allowed to modify node \""
                        + requested + "\"");
            }
            labels(node, requested, a);
        } else if (a.kind() == ResourceKinds.LEASES) {
            String requested = a.name().isEmpty() && a.object() != null ? a.object().metadata().name() : a.name();
            if (!node.equals(requested) || !NodeAuthorizer.NODE_LEASE_NAMESPACE.equals(a.namespace())) {
                throw ApiError.forbidden(a.kind(), requested,
                        "can only access node lease with the same name as the requesting node");
            }
        } else if (a.kind() == ResourceKinds.PODS) {
            pod(node, a);
        }
    }

    /** Labels a kubelet may set on its own Node (Kubernetes' kubeletapis.IsKubeletLabel). */
    private static final Set<String> KUBELET_LABELS = Set.of("kubernetes.io/hostname", "kubernetes.io/os",
            "kubernetes.io/arch", "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
            "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region",
            "beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type", "beta.kubernetes.io/os",
            "beta.kubernetes.io/arch");
    private static final List<String> KUBELET_LABEL_NAMESPACES = List.of("kubelet.kubernetes.io", "node.kubernetes.io");

    /**
     * A kubelet may not give itself labels in the kubernetes.io / k8s.io namespaces beyond the kubelet's own, nor any
     * under node-restriction.kubernetes.io: those are how administrators steer sensitive workloads to trusted
     * nodes (NodeRestriction's label policy). Other labels are free.
     */
    private static void labels(String node, String name, Attributes a) {
        if (a.operation() == Operation.DELETE || !(a.object() instanceof io.tugboat.api.core.Node updated)) {
            return;
        }
        Map<String, String> now = updated.metadata().labels() == null ? Map.of() : updated.metadata().labels();
        Map<String, String> before = a.old() == null || a.old().metadata().labels() == null ? Map.of() : a.old().metadata().labels();
        TreeSet<String> forbidden = new TreeSet<>();
        for (String key : union(now.keySet(), before.keySet())) {
            if (!java.util.Objects.equals(now.get(key), before.get(key)) && forbiddenLabel(key)) {
                forbidden.add(key);
            }
        }
        if (forbidden.isEmpty()) {
            return;
        }
        throw ApiError.forbidden(a.kind(), name, a.operation() == Operation.CREATE
                ? "node \"" + node + "\" is not allowed to set the following labels: " + String.join(", ", forbidden)
                : "is not allowed to modify labels: " + String.join(", ", forbidden));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    static boolean forbiddenLabel(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String namespace = key.substring(0, slash);
        if (inNamespace(namespace, "node-restriction.kubernetes.io")) {
            return true;
        }
        if (!inNamespace(namespace, "kubernetes.io") && !inNamespace(namespace, "k8s.io")) {
            return false;
        }
        return !KUBELET_LABELS.contains(key) && KUBELET_LABEL_NAMESPACES.stream().noneMatch(ns -> inNamespace(namespace, ns));
    }

    private static boolean inNamespace(String namespace, String domain) {
        return namespace.equals(domain) || namespace.endsWith("." + domain);
    }

    private static void pod(String node, Attributes a) {
        switch (a.operation()) {
            case CREATE -> {
                if (!a.subresource().isEmpty()) {
                    if (a.subresource().equals("eviction") && !boundTo(a.old(), node)) {
                        throw ApiError.forbidden(a.kind(), a.name(), "node " + node
                                + " can only evict pods with spec.nodeName set to itself");
                    }
                    return;
                }
                Pod pod = (Pod) a.object();
                String name = pod.metadata().name();
                Map<String, String> annotations = pod.metadata().annotations();
                if (annotations == null || !annotations.containsKey(MIRROR_ANNOTATION)) {
                    throw ApiError.forbidden(a.kind(), name, "pod does not have \"" + MIRROR_ANNOTATION
                            + "\" annotation, node \"" + node + "\" can only create mirror pods");
                }
                if (!boundTo(pod, node)) {
                    throw ApiError.forbidden(a.kind(), name, "node \"" + node
                            + "\" can only create pods with spec.nodeName set to itself");
                }
            }
            case UPDATE -> {
                if (a.subresource().equals("status")) {
                    if (!boundTo(a.old(), node)) {
                        throw ApiError.forbidden(a.kind(), a.name(), "node \"" + node
                                + "\" can only update pod status for pods with spec.nodeName set to itself");
                    }
                    return;
                }
                throw ApiError.forbidden(a.kind(), a.name(), "unexpected operation \"UPDATE\", node \"" + node
                        + "\" can only create and delete mirror pods");
            }
            case DELETE -> {
                if (a.old() != null && !boundTo(a.old(), node)) {
                    throw ApiError.forbidden(a.kind(), a.name(), "node \"" + node
                            + "\" can only delete pods with spec.nodeName set to itself");
                }
            }
            default -> { }
        }
    }

    private static boolean boundTo(KubernetesObject object, String node) {
        return object instanceof Pod pod && pod.spec() != null && node.equals(pod.spec().nodeName());
    }
}
