package io.tugboat.apiserver.auth;

import io.tugboat.api.fields.FieldSelector;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.ApiRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a request asks for, in the terms authorizers decide on — Kubernetes' {@code RequestInfoFactory}, from the
 * URL and method alone (before any handler runs, so a path that names no resource is authorized like any other and
 * only then found missing):
 * <pre>
 *   GET    /api/v1/namespaces/default/pods              list   pods            ns default
 *   GET    /api/v1/namespaces/default/pods?watch=1      watch  pods            ns default
 *   GET    /api/v1/watch/namespaces/default/pods/web    watch  pods  web       ns default
 *   GET    /api/v1/pods?fieldSelector=metadata.name=web list   pods  web       (name from the selector)
 *   POST   /api/v1/namespaces/default/pods/web/exec     create pods/exec  web  ns default
 *   DELETE /api/v1/namespaces/default/pods              deletecollection pods  ns default
 *   PATCH  /apis/apps/v1/namespaces/x/deployments/d/scale  patch  deployments/scale (group apps)
 *   GET    /api/v1/namespaces/kube-system               get    namespaces kube-system  ns kube-system (sic)
 *   GET    /healthz, /api, /apis/apps/v1, /openapi/v3   get    non-resource path
 * </pre>
 * A non-resource request's verb is the lower-case HTTP method. {@code HEAD} is {@code get}, as in Kubernetes.
 */
public final class RequestInfoResolver {
    private static final Set<String> API_PREFIXES = Set.of("api", "apis");
    /** Verbs written as the first path segment after the version (Kubernetes also has proxy, not served here). */
    private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
    /** {@code namespaces/{name}/status} and {@code /finalize} are the Namespace's own subresources. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
    private static final Set<String> FALSE = Set.of("0", "f", "false");

    private RequestInfoResolver() {
    }

    /** The attributes of {@code request}, whose user must already be known. @throws ApiError 404 for a bare special verb */
    public static RequestAttributes resolve(ApiRequest request) {
        UserInfo user = request.user();
        String path = request.path();
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.size() < 3 || !API_PREFIXES.contains(parts.get(0))) {
            return RequestAttributes.nonResource(user, request.method().toLowerCase(Locale.ROOT), path);
        }
        String group = "";
        String prefix = parts.get(0);
        parts = parts.subList(1, parts.size());
        if (prefix.equals("apis")) { // /api is the core group's, which has no name in the URL
            if (parts.size() < 3) {
                return RequestAttributes.nonResource(user, request.method().toLowerCase(Locale.ROOT), path);
            }
            group = parts.get(0);
            parts = parts.subList(1, parts.size());
        }
        String version = parts.get(0);
        parts = parts.subList(1, parts.size());
        String verb;
        if (SPECIAL_VERBS.contains(parts.get(0))) {
            if (parts.size() < 2) {
                throw ApiError.notFound("the server could not find the requested resource");
            }
            verb = parts.get(0);
            parts = parts.subList(1, parts.size());
        } else {
            verb = switch (request.method()) {
                case "POST" -> "create";
                case "GET", "HEAD" -> "get";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> "";
            };
        }
        String namespace = "";
        if (parts.get(0).equals("namespaces") && parts.size() > 1) {
            namespace = parts.get(1);
            if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
                parts = parts.subList(2, parts.size());
            }
        }
        String resource = parts.get(0);
        String name = parts.size() >= 2 ? parts.get(1) : "";
        String subresource = parts.size() >= 3 && !verb.equals("proxy") ? parts.get(2) : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = isWatch(request) ? "watch" : "list";
            name = nameFromFieldSelector(request);
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return RequestAttributes.resource(user, verb, group, version, resource, subresource, namespace, name);
    }

    /** {@code ?watch}, {@code ?watch=true}, {@code ?watch=1}: anything but false/0. */
    private static boolean isWatch(ApiRequest request) {
        List<String> values = request.query().get("watch");
        return values != null && !values.isEmpty() && !FALSE.contains(values.get(0).toLowerCase(Locale.ROOT));
    }

    /** A list restricted to one name ({@code metadata.name=web}) is authorized as a request for that name. */
    private static String nameFromFieldSelector(ApiRequest request) {
        String selector = request.param("fieldSelector");
        if (selector == null || selector.isEmpty()) {
            return "";
        }
        try {
            String name = FieldSelector.parse(selector).requiresExactMatch("metadata.name").orElse("");
            return isValidPathSegment(name) ? name : "";
        } catch (RuntimeException e) {
            return ""; // an unparsable selector is the handler's 400 to give
        }
    }

    private static boolean isValidPathSegment(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.contains("/") && !name.contains("%");
    }
}
