package io.tugboat.apiserver.rest;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.Status;
import io.tugboat.api.meta.StatusCause;
import io.tugboat.api.meta.StatusDetails;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request that cannot be served, carrying the Kubernetes {@link Status} the client will receive. Every
 * client mistake and every expected failure in the API server is one of these; the HTTP layer turns it into
 * the response in one place, so the status codes, reasons and messages below are the whole error contract.
 * The messages follow Kubernetes' wording ({@code pods "web" not found}), because clients and people match on it.
 */
public final class ApiError extends RuntimeException {
    private final transient Status status;
    private final String retryAfterSeconds;

    private ApiError(int code, String reason, String message, StatusDetails details, String retryAfterSeconds) {
        super(message);
        this.status = new Status("v1", "Status", new io.tugboat.api.meta.ListMeta(null, null, null, null),
                "Failure", message, reason, details, code);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    /** Value for a {@code Retry-After} header, or {@code null}. */
    public String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static StatusDetails details(ResourceKind<?> kind, String name) {
        return new StatusDetails(name, kind.group(), kind.plural(), null, null, null);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, null, null);
    }

    public static ApiError notFound(ResourceKind<?> kind, String name) {
        return new ApiError(404, "NotFound", kind.qualifiedName() + " \"" + name + "\" not found", details(kind, name), null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "NotFound", message, null, null);
    }

    public static ApiError alreadyExists(ResourceKind<?> kind, String name) {
        return new ApiError(409, "AlreadyExists", kind.qualifiedName() + " \"" + name + "\" already exists",
                details(kind, name), null);
    }

    public static ApiError conflict(ResourceKind<?> kind, String name, String why) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + kind.qualifiedName() + " \"" + name
                + "\": " + why, details(kind, name), null);
    }

    public static ApiError gone(String message) {
        return new ApiError(410, "Expired", message, null, null);
    }

    public static ApiError forbidden(ResourceKind<?> kind, String name, String why) {
        return new ApiError(403, "Forbidden", kind.qualifiedName() + " \"" + name + "\" is forbidden: " + why,
                details(kind, name), null);
    }

    /**
     * A request whose caller the authorizer did not allow, with Kubernetes' message built from {@code message}
     * ({@code User "alice" cannot list resource "pods" ...}): {@code pods is forbidden: ...} for a collection,
     * {@code pods "web" is forbidden: ...} for one object, {@code deployments.apps is forbidden: ...} in a named group,
     * and {@code forbidden: ...} when there is no resource (a non-resource path).
     */
    public static ApiError forbidden(String group, String resource, String name, String message) {
        String qualified = resource.isEmpty() ? "" : group.isEmpty() ? resource : resource + "." + group;
        String text;
        if (qualified.isEmpty()) {
            text = "forbidden: " + message;
        } else if (name.isEmpty()) {
            text = qualified + " is forbidden: " + message;
        } else {
            text = qualified + " \"" + name + "\" is forbidden: " + message;
        }
        return new ApiError(403, "Forbidden", text, new StatusDetails(name.isEmpty() ? null : name,
                group.isEmpty() ? null : group, resource.isEmpty() ? null : resource, null, null, null), null);
    }

    /** No credentials where they are needed, or wrong ones: Kubernetes' bare 401 (it never says which). */
    public static ApiError unauthorized() {
        return new ApiError(401, "Unauthorized", "Unauthorized", null, null);
    }

    public static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "MethodNotAllowed", message, null, null);
    }

    public static ApiError notAcceptable(String message) {
        return new ApiError(406, "NotAcceptable", message, null, null);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "RequestEntityTooLarge", message, null, null);
    }

    public static ApiError unsupportedMediaType(String contentType) {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
                + "media types include: application/json, application/yaml", null, null);
    }

    public static ApiError unsupportedPatchType(String contentType) {
        return new ApiError(415, "UnsupportedMediaType", "the server does not support patch type \"" + contentType
                + "\"; supported: application/json-patch+json, application/merge-patch+json, "
                + "application/strategic-merge-patch+json", null, null);
    }

    /**
     * 422: the object is well-formed but breaks validation rules. The message lists every cause the way
     * Kubernetes aggregates them: {@code Pod "x" is invalid: [a: Required value, b: Invalid value: ...]}.
     */
    public static ApiError invalid(ResourceKind<?> kind, String name, List<StatusCause> causes) {
        String joined = causes.stream()
                .map(c -> (c.field() == null || c.field().isEmpty() ? "" : c.field() + ": ") + c.message())
                .collect(Collectors.joining(", "));
        String message = kind.kind() + " \"" + name + "\" is invalid: " + (causes.size() == 1 ? joined : "[" + joined + "]");
        return new ApiError(422, "Invalid", message,
                new StatusDetails(name, kind.group(), kind.kind(), null, List.copyOf(causes), null), null);
    }

    public static ApiError tooManyRequests(String message, int retryAfterSeconds) {
        return new ApiError(429, "TooManyRequests", message,
                new StatusDetails(null, null, null, null, null, retryAfterSeconds), String.valueOf(retryAfterSeconds));
    }

    public static ApiError internal(String message) {
        return new ApiError(500, "InternalError", "Internal error occurred: " + message, null, null);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "ServiceUnavailable", message, null, "1");
    }

    public static ApiError timeout(String message) {
        return new ApiError(504, "Timeout", message, null, "1");
    }
}
