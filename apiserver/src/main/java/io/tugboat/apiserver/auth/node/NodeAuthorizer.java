package io.tugboat.apiserver.auth.node;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.apiserver.auth.Authorizer;
import io.tugboat.apiserver.auth.CachedObjects;
import io.tugboat.apiserver.auth.Decision;
import io.tugboat.apiserver.auth.RequestAttributes;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The authorization mode {@code Node}: what a kubelet ({@code system:node:<name>} in group {@code system:nodes})
 * may do, after Kubernetes' {@code plugin/pkg/auth/authorizer/node} (v1.32, with AuthorizeNodeWithSelectors).
 * Other users get NO_OPINION, and so does a kubelet for anything below: the next authorizer (RBAC) decides,
 * and the bootstrap policy grants nodes nothing there, so it ends as 403.
 *
 * <pre>
 *   nodes            get/list/watch only its own; create, update, patch (NodeRestriction: only its own)
 *   nodes/status     update, patch (NodeRestriction: only its own)
 *   leases           get, create, update, patch, delete in kube-node-lease, named after the node
 *   pods             get a pod bound to it; list, watch (see below); create, delete (NodeRestriction checks)
 *   pods/status      update, patch of a pod bound to it
 *   pods/eviction    create, for a pod bound to it
 *   secrets,
 *   configmaps       get/list/watch of one named object that a pod bound to it uses
 *   persistentvolumeclaims  get, if a pod bound to it uses the claim
 *   persistentvolumes       get, if such a claim is bound to the volume
 *   events           create, update, patch
 *   services         get, list, watch (a kubelet builds service environment variables)
 * </pre>
 *
 * <p>One difference: Kubernetes lets a kubelet list and watch pods only with the field selector
 * {@code spec.nodeName=<itself>}. {@link RequestAttributes} does not carry selectors, so Tugboat allows a node to
 * list and watch pods (as Kubernetes did before v1.32); the pod specs it can see this way do not give it the
 * Secrets they name, which stay behind the graph.
 *
 * <p>Reasons are Kubernetes' sentences, e.g. {@code no relationship found between node 'a' and this object}.
 */
public final class NodeAuthorizer implements Authorizer {
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    private static final Decision ALLOW = Decision.allow("");

    private final PodGraph graph;
    private final BiFunction<String, String, Optional<String>> volumeOfClaim;
    private final Runnable refresh;

    /**
     * @param graph         pods, the nodes they are bound to and the objects they use
     * @param volumeOfClaim a claim's bound volume name (namespace, name), from the claims' cache
     */
    public NodeAuthorizer(PodGraph graph, BiFunction<String, String, Optional<String>> volumeOfClaim) {
        this(graph, volumeOfClaim, () -> { });
    }

    /** @param refresh run before each decision: restarts the graph's feed if the watch cache ended it */
    public NodeAuthorizer(PodGraph graph, BiFunction<String, String, Optional<String>> volumeOfClaim, Runnable refresh) {
        this.graph = graph;
        this.volumeOfClaim = volumeOfClaim;
        this.refresh = refresh;
    }

    /**
     * The server's Node authorizer: a {@link PodGraph} fed by the pod watch cache and claims looked up in theirs.
     */
    public static NodeAuthorizer forRegistries(java.util.Map<io.tugboat.api.ResourceKind<?>,
            io.tugboat.apiserver.registry.Registry> registries) {
        PodGraph graph = new PodGraph();
        CachedObjects<Pod> pods = new CachedObjects<>(registries.get(ResourceKinds.PODS).cache(), Pod.class, graph);
        CachedObjects<PersistentVolumeClaim> claims = new CachedObjects<>(
                registries.get(ResourceKinds.PERSISTENT_VOLUME_CLAIMS).cache(), PersistentVolumeClaim.class);
        pods.sync();
        claims.sync();
        return new NodeAuthorizer(graph, (namespace, name) -> claims.get(namespace, name)
                .map(claim -> claim.spec() == null ? null : claim.spec().volumeName()), pods::sync);
    }

    @Override
    public Decision authorize(RequestAttributes a) {
        String node = a.user().nodeName();
        if (node == null) {
            return Decision.noOpinion("");
        }
        refresh.run();
        if (!a.resourceRequest()) {
            return Decision.noOpinion("");
        }
        String group = a.apiGroup();
        String resource = a.resource();
        if (group.isEmpty()) {
            switch (resource) {
                case "secrets" -> {
                    return readNamespaced(node, PodGraph.Kind.SECRET, a);
                }
                case "configmaps" -> {
                    return readNamespaced(node, PodGraph.Kind.CONFIG_MAP, a);
                }
                case "persistentvolumeclaims" -> {
                    Decision get = getOnly(a);
                    return get != null ? get : related(node, graph.nodeUses(node, PodGraph.Kind.CLAIM, a.namespace(), a.name()), a);
                }
                case "persistentvolumes" -> {
                    Decision get = getOnly(a);
                    return get != null ? get : related(node, graph.nodeUsesVolume(node, a.name(), volumeOfClaim), a);
                }
                case "nodes" -> {
                    return node(node, a);
                }
                case "pods" -> {
                    return pod(node, a);
                }
                case "events" -> {
                    return a.subresource().isEmpty() && isOneOf(a.verb(), "create", "update", "patch") ? ALLOW
                            : Decision.noOpinion("");
                }
                case "services" -> {
                    return a.subresource().isEmpty() && isOneOf(a.verb(), "get", "list", "watch") ? ALLOW
                            : Decision.noOpinion("");
                }
                default -> {
                    return Decision.noOpinion("");
                }
            }
        }
        if (group.equals("coordination.k8s.io") && resource.equals("leases")) {
            return lease(node, a);
        }
        if (group.equals("events.k8s.io") && resource.equals("events")) {
            return isOneOf(a.verb(), "create", "update", "patch") ? ALLOW : Decision.noOpinion("");
        }
        return Decision.noOpinion("");
    }

    private Decision readNamespaced(String node, PodGraph.Kind kind, RequestAttributes a) {
        if (!isOneOf(a.verb(), "get", "list", "watch")) {
            return Decision.noOpinion("can only read resources of this type");
        }
        if (!a.subresource().isEmpty()) {
            return Decision.noOpinion("cannot read subresource");
        }
        if (a.namespace().isEmpty()) {
            return Decision.noOpinion("can only read namespaced object of this type");
        }
        return related(node, graph.nodeUses(node, kind, a.namespace(), a.name()), a);
    }

    /** Null when the request is a plain get; else the refusal. */
    private static Decision getOnly(RequestAttributes a) {
        if (!a.verb().equals("get")) {
            return Decision.noOpinion("can only get individual resources of this type");
        }
        if (!a.subresource().isEmpty()) {
            return Decision.noOpinion("cannot get subresource");
        }
        return null;
    }

    private static Decision related(String node, boolean related, RequestAttributes a) {
        if (a.name().isEmpty()) {
            return Decision.noOpinion("No Object name found");
        }
        return related ? ALLOW : Decision.noOpinion("no relationship found between node '" + node + "' and this object");
    }

    private static Decision node(String node, RequestAttributes a) {
        switch (a.subresource()) {
            case "" -> {
                if (isOneOf(a.verb(), "create", "update", "patch")) {
                    return ALLOW;
                }
                if (isOneOf(a.verb(), "get", "list", "watch")) {
                    if (a.name().equals(node)) {
                        return ALLOW;
                    }
                    return a.name().isEmpty()
                            ? Decision.noOpinion("node '" + node + "' cannot read all nodes, only its own Node object")
                            : Decision.noOpinion("node '" + node + "' cannot read '" + a.name() + "', only its own Node object");
                }
                return Decision.noOpinion("");
            }
            case "status" -> {
                return isOneOf(a.verb(), "update", "patch") ? ALLOW : Decision.noOpinion("");
            }
            default -> {
                return Decision.noOpinion("");
            }
        }
    }

    private Decision pod(String node, RequestAttributes a) {
        switch (a.subresource()) {
            case "" -> {
                switch (a.verb()) {
                    case "get" -> {
                        return related(node, graph.podOnNode(node, a.namespace(), a.name()), a);
                    }
                    case "list", "watch" -> {
                        return a.name().isEmpty() ? ALLOW : related(node, graph.podOnNode(node, a.namespace(), a.name()), a);
                    }
                    case "create", "delete" -> {
                        // Mirror pods and deleting its finished pods; NodeRestriction checks the pod is its own.
                        return ALLOW;
                    }
                    default -> {
                        return Decision.noOpinion("");
                    }
                }
            }
            case "status" -> {
                return isOneOf(a.verb(), "update", "patch")
                        ? related(node, graph.podOnNode(node, a.namespace(), a.name()), a) : Decision.noOpinion("");
            }
            case "eviction" -> {
                return a.verb().equals("create")
                        ? related(node, graph.podOnNode(node, a.namespace(), a.name()), a) : Decision.noOpinion("");
            }
            default -> {
                return Decision.noOpinion("");
            }
        }
    }

    private static Decision lease(String node, RequestAttributes a) {
        if (!isOneOf(a.verb(), "get", "create", "update", "patch", "delete")) {
            return Decision.noOpinion("can only get, create, update, patch, or delete a node lease");
        }
        if (!a.namespace().equals(NODE_LEASE_NAMESPACE)) {
            return Decision.noOpinion("can only access leases in the \"" + NODE_LEASE_NAMESPACE + "\" system namespace");
        }
        // The name of a created object is in its body, which the authorizer does not see: NodeRestriction checks it.
        if (!a.verb().equals("create") && !a.name().equals(node)) {
            return Decision.noOpinion("can only access node lease with the same name as the requesting node");
        }
        return ALLOW;
    }

    private static boolean isOneOf(String value, String... options) {
        for (String option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
