package io.tugboat.apiserver.auth;

import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.ApiRequest;
import io.tugboat.apiserver.rest.StreamProxy;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization step every request passes between authentication and its handler — watches, the log proxy and
 * exec/attach/portforward upgrades included, so nothing reaches a handler or a kubelet unauthorized. It resolves
 * the request's {@link RequestAttributes} ({@link RequestInfoResolver}), asks the authorizer, and turns anything
 * but ALLOW into Kubernetes' 403:
 * <pre>
 *   pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"
 *   nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope
 *   pods "web" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"
 *   forbidden: User "alice" cannot get path "/foo"
 * </pre>
 * followed by {@code ": <reason>"} when the authorizer gave one.
 *
 * <p>A WebSocket upgrade to {@code pods/exec}, {@code pods/attach} or {@code pods/portforward} is a GET, hence verb
 * {@code get}; like Kubernetes 1.35 ({@code AuthorizePodWebsocketUpgradeCreatePermission}) it must also be allowed
 * {@code create}, which the POST (SPDY) form needs anyway: running a command is not reading.
 */
public final class RequestAuthorizer {
    private static final Logger log = LoggerFactory.getLogger(RequestAuthorizer.class);
    private static final Set<String> STREAMING_SUBRESOURCES = Set.of("exec", "attach", "portforward");

    private final Authorizer authorizer;

    public RequestAuthorizer(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** @throws ApiError 403 Forbidden unless the request's user may do what it asks */
    public void authorize(ApiRequest request) {
        RequestAttributes attributes = RequestInfoResolver.resolve(request);
        check(attributes);
        if (attributes.resourceRequest() && attributes.verb().equals("get") && attributes.apiGroup().isEmpty()
                && attributes.resource().equals("pods") && STREAMING_SUBRESOURCES.contains(attributes.subresource())
                && StreamProxy.isUpgrade(request)) {
            check(new RequestAttributes(attributes.user(), "create", true, "", attributes.apiVersion(), "pods",
                    attributes.subresource(), attributes.namespace(), attributes.name(), attributes.path()));
        }
    }

    private void check(RequestAttributes attributes) {
        Decision decision;
        try {
            decision = authorizer.authorize(attributes);
        } catch (RuntimeException e) {
            log.error("authorizer failed on {}; denying", attributes, e);
            decision = Decision.noOpinion("authorizer error");
        }
        if (!decision.allowed()) {
            throw forbidden(attributes, decision.reason());
        }
    }

    /** Kubernetes' 403 for {@code attributes}, with {@code reason} appended when there is one. */
    public static ApiError forbidden(RequestAttributes attributes, String reason) {
        String message = message(attributes) + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        if (!attributes.resourceRequest()) {
            return ApiError.forbidden("", "", "", message);
        }
        return ApiError.forbidden(attributes.apiGroup(), attributes.resource(), attributes.name(), message);
    }

    /** {@code User "alice" cannot list resource "pods" in API group "" in the namespace "default"}, and its variants. */
    static String message(RequestAttributes attributes) {
        String user = "User " + quote(attributes.user().name());
        if (!attributes.resourceRequest()) {
            return user + " cannot " + attributes.verb() + " path " + quote(attributes.path());
        }
        String resource = user + " cannot " + attributes.verb() + " resource " + quote(attributes.resourceWithSubresource())
                + " in API group " + quote(attributes.apiGroup());
        return attributes.namespace().isEmpty() ? resource + " at the cluster scope"
                : resource + " in the namespace " + quote(attributes.namespace());
    }

    /** Go's {@code %q} for the strings that occur here: quotes and backslashes escaped. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
