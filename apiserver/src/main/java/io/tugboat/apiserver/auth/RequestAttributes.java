package io.tugboat.apiserver.auth;

import java.util.Objects;

/**
 * What an authorizer decides on, as Kubernetes' {@code authorizer.Attributes}: who, which verb, on what.
 *
 * <p>A <em>resource request</em> names a resource: verb is one of {@code get list watch create update patch
 * delete deletecollection} (from the HTTP method and whether a name is present, as Kubernetes' RequestInfo
 * resolver derives it), and apiGroup ({@code ""} for core), resource (plural, lower case, e.g. {@code pods}),
 * subresource ({@code ""} when none, e.g. {@code status}, {@code exec}, {@code eviction}), namespace ({@code ""}
 * for cluster-scoped or all-namespace requests) and name ({@code ""} for collections) are filled in. A
 * <em>non-resource request</em> ({@code /healthz}, {@code /api}, {@code /version}, {@code /openapi/v3}) has a
 * lower-case HTTP verb ({@code get}, {@code post}, ...) and a path; the other fields are empty.
 *
 * @param user            who asks, never null
 * @param verb            the Kubernetes verb (resource requests) or lower-case HTTP method (non-resource)
 * @param resourceRequest whether this names a resource (true) or a path (false)
 * @param apiGroup        the API group, {@code ""} for core
 * @param apiVersion      the version in the URL, e.g. {@code v1}
 * @param resource        plural resource name
 * @param subresource     subresource, {@code ""} when none
 * @param namespace       namespace, {@code ""} when none
 * @param name            object name, {@code ""} when none
 * @param path            the request path (for non-resource requests and messages)
 */
public record RequestAttributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup, String apiVersion,
                                String resource, String subresource, String namespace, String name, String path) {
    public RequestAttributes {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(verb, "verb");
        apiGroup = apiGroup == null ? "" : apiGroup;
        apiVersion = apiVersion == null ? "" : apiVersion;
        resource = resource == null ? "" : resource;
        subresource = subresource == null ? "" : subresource;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
        path = path == null ? "" : path;
    }

    /** A resource request. */
    public static RequestAttributes resource(UserInfo user, String verb, String apiGroup, String apiVersion,
                                             String resource, String subresource, String namespace, String name) {
        return new RequestAttributes(user, verb, true, apiGroup, apiVersion, resource, subresource, namespace, name, "");
    }

    /** A non-resource request, e.g. {@code get /healthz}. */
    public static RequestAttributes nonResource(UserInfo user, String verb, String path) {
        return new RequestAttributes(user, verb, false, "", "", "", "", "", "", path);
    }

    /** {@code pods/status} style: the resource, with its subresource when there is one. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
