package io.tugboat.kubelet.server;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may use the kubelet's port: a small static policy of user names and groups, read from the caller's verified
 * client certificate (CN = user, O = groups, as the API server reads them).
 *
 * <p>Kubernetes' kubelet asks the API server instead ({@code --authorization-mode=Webhook}, a SubjectAccessReview
 * per request), and kubeadm binds the {@code system:kubelet-api-admin} ClusterRole to the API server's client
 * identity {@code kube-apiserver-kubelet-client}. The effect is the same in a cluster Tugboat sets up: only the
 * API server — which has already authorized the user's {@code pods/log}, {@code pods/exec} request — gets
 * through. Tugboat's kubelet decides locally because it must keep working while the API server is down, and
 * because one list of names is easier to read than a webhook. {@code /healthz} is open to any caller, with or
 * without a certificate: it tells nothing but "ok" (Kubernetes serves it on a separate plain-HTTP localhost port,
 * 10248).
 *
 * <pre>
 *   no certificate                     → 401 Unauthorized  (except /healthz)
 *   certificate, user or group listed  → allowed
 *   certificate, anyone else           → 403 Forbidden (user=..., verb=get, resource=nodes, subresource(s)=[proxy])
 * </pre>
 *
 * @param users  user names (certificate CNs) allowed everything
 * @param groups groups (certificate Os) allowed everything; empty by default: {@code system:masters} would also
 *               admit the admin's certificate, which has no business talking to a kubelet directly
 */
public record KubeletAuthorizer(Set<String> users, Set<String> groups) {
    /** The API server's identity towards kubelets, as {@code tug certs} issues it. */
    public static final String APISERVER_KUBELET_CLIENT = "kube-apiserver-kubelet-client";

    public KubeletAuthorizer {
        users = Set.copyOf(users);
        groups = Set.copyOf(groups);
    }

    /** The default policy: the API server's kubelet client only. */
    public static KubeletAuthorizer apiServerOnly() {
        return new KubeletAuthorizer(Set.of(APISERVER_KUBELET_CLIENT), Set.of());
    }

    /** A verified caller: its certificate's CN and Os. */
    public record Caller(String user, List<String> groups) {
        public Caller {
            groups = List.copyOf(groups);
        }
    }

    /** The verdict on one request; {@code code} 0 means allowed, else the HTTP status to answer with. */
    public record Decision(int code, String message) {
        static final Decision ALLOW = new Decision(0, "");

        public boolean allowed() {
            return code == 0;
        }
    }

    /**
     * Decides one request.
     *
     * @param caller the verified client identity, or {@code null} when the client presented no certificate
     * @param method the HTTP method
     * @param path   the request path, without the query
     */
    public Decision decide(Caller caller, String method, String path) {
        if (path.equals("/healthz")) {
            return Decision.ALLOW;
        }
        if (caller == null) {
            return new Decision(401, "Unauthorized");
        }
        if (users.contains(caller.user()) || caller.groups().stream().anyMatch(groups::contains)) {
            return Decision.ALLOW;
        }
        // The kubelet's own message (pkg/kubelet/server/auth.go), with the attributes it would have asked about.
        return new Decision(403, "Forbidden (user=" + caller.user() + ", verb=" + verb(method)
                + ", resource=nodes, subresource(s)=[" + subresource(path) + "])");
    }

    /** Kubernetes' mapping of an HTTP method to a verb for a non-resource kubelet request. */
    static String verb(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "get";
        };
    }

    /** The node subresource Kubernetes' kubelet authorizes a path as: logs, exec and friends are {@code proxy}. */
    static String subresource(String path) {
        for (String prefix : List.of("stats", "metrics", "logs", "spec", "checkpoint", "configz", "healthz", "pods")) {
            if (path.equals("/" + prefix) || path.startsWith("/" + prefix + "/")) {
                return prefix;
            }
        }
        return "proxy";
    }
}
