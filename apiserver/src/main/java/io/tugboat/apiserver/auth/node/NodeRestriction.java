package io.tugboat.apiserver.auth.node;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.apiserver.auth.WriteAdmission;
import io.tugboat.apiserver.rest.ApiError;
import java.util.Map;

/**
 * Kubernetes' NodeRestriction admission plugin: the Node authorizer lets a kubelet create and update Nodes,
 * Leases and pods because it cannot see the object's name or binding in a create; this plugin, which sees the
 * object, refuses a kubelet writing anything but its own:
 *
 * <ul>
 *   <li>nodes (and nodes/status): only the Node named after it — {@code node "a" is not allowed to modify node "b"};</li>
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
