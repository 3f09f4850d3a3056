package io.tugboat.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Maps a request path to what serves it. The URL space is Kubernetes':
 * <pre>
 *   /version  /healthz  /livez  /readyz
 *   /api                       /api/v1                      discovery
 *   /apis  /apis/{g}           /apis/{g}/{v}
 *   /openapi/v3                /openapi/v3/{api/v1 | apis/{g}/{v}}
 *   {prefix}/{resource}[/{name}[/{subresource}]]                     cluster-scoped, or all namespaces
 *   {prefix}/namespaces/{ns}/{resource}[/{name}[/{subresource}]]     namespaced
 *   {prefix}/watch/...                                               legacy watch form
 * </pre>
 * where {@code {prefix}} is {@code /api/v1} or {@code /apis/{g}/{v}}. Anything else is a 404 Status.
 */
public final class Router {
    private final ResourceHandler resources;
    private final BooleanSupplier storageReady;
    private final String serverAddress;
    private final OpenApiDocuments openApi;
    private io.tugboat.apiserver.auth.AccessReviews reviews;

    public Router(ResourceHandler resources, BooleanSupplier storageReady, String serverAddress, OpenApiDocuments openApi) {
        this.resources = resources;
        this.storageReady = storageReady;
        this.serverAddress = serverAddress;
        this.openApi = openApi;
    }

    /** Serves the authorization.k8s.io reviews ({@code kubectl auth can-i}). Set once, before serving. */
    public Router withAccessReviews(io.tugboat.apiserver.auth.AccessReviews reviews) {
        this.reviews = reviews;
        return this;
    }

    public Reply route(ApiRequest request) {
        String path = request.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.isEmpty()) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        switch (parts.get(0)) {
            case "version" -> {
                return get(request, Discovery.version());
            }
            case "healthz", "livez" -> {
                return ApiResponse.text(200, "ok");
            }
            case "readyz" -> {
                return storageReady.getAsBoolean() ? ApiResponse.text(200, "ok")
                        : ApiResponse.text(500, "[-]etcd failed: reason withheld\nreadyz check failed");
            }
            case "openapi" -> {
                return openapi(request, parts);
            }
            case "api" -> {
                if (parts.size() == 1) {
                    return get(request, Discovery.coreVersions(serverAddress));
                }
                if (!parts.get(1).equals("v1")) {
                    throw ApiError.notFound("the server could not find the requested resource");
                }
                if (parts.size() == 2) {
                    return get(request, Discovery.resourceList("", "v1").orElseThrow());
                }
                return resources.handle(request, resourcePath("", "v1", parts.subList(2, parts.size())));
            }
            case "apis" -> {
                if (parts.size() == 1) {
                    return get(request, Discovery.groupList());
                }
                if (parts.size() == 2) {
                    return get(request, Discovery.group(parts.get(1)).orElseThrow(() ->
                            ApiError.notFound("the server could not find the requested resource")));
                }
                if (parts.size() == 3) {
                    return get(request, Discovery.resourceList(parts.get(1), parts.get(2)).orElseThrow(() ->
                            ApiError.notFound("the server could not find the requested resource")));
                }
                if (reviews != null && parts.get(1).equals(io.tugboat.apiserver.auth.AccessReviews.GROUP)) {
                    return reviews.handle(request, parts.get(2), parts.subList(3, parts.size()));
                }
                return resources.handle(request, resourcePath(parts.get(1), parts.get(2), parts.subList(3, parts.size())));
            }
            default -> throw ApiError.notFound("the server could not find the requested resource");
        }
    }

    private static Reply get(ApiRequest request, JsonNode body) {
        if (!request.method().equals("GET")) {
            throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        return ApiResponse.json(200, Codec.toJson(body));
    }

    private Reply openapi(ApiRequest request, List<String> parts) {
        if (parts.size() < 2 || !parts.get(1).equals("v3")) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        if (parts.size() == 2) {
            return get(request, openApi.index());
        }
        String groupVersion = String.join("/", parts.subList(2, parts.size()));
        Optional<JsonNode> document = openApi.document(groupVersion);
        return get(request, document.orElseThrow(() -> ApiError.notFound("the server could not find the requested resource")));
    }

    /**
     * Parses what follows {@code /api/v1} or {@code /apis/{g}/{v}}. The one ambiguity,
     * {@code namespaces/{x}/...}, is resolved as Kubernetes does: if the third segment names a namespaced
     * resource it is a namespaced collection, otherwise {@code x} is a Namespace and the rest its subresource.
     */
    static ResourcePath resourcePath(String group, String version, List<String> rest) {
        boolean watch = false;
        if (!rest.isEmpty() && rest.get(0).equals("watch")) {
            watch = true;
            rest = rest.subList(1, rest.size());
        }
        if (rest.isEmpty()) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
            Optional<ResourceKind<?>> inner = ResourceKinds.byResource(group, version, rest.get(2));
            if (inner.isPresent() && inner.get().namespaced()) {
                namespace = rest.get(1);
                rest = rest.subList(2, rest.size());
            }
        }
        ResourceKind<?> kind = ResourceKinds.byResource(group, version, rest.get(0)).orElseThrow(() ->
                ApiError.notFound("the server could not find the requested resource"));
        if (rest.size() > 3) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        String name = rest.size() > 1 ? rest.get(1) : null;
        String sub = rest.size() > 2 ? rest.get(2) : null;
        if (kind.namespaced() && namespace == null && name != null) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        if (watch && sub != null) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        if (watch && name != null) {
            // /watch/namespaces/ns/pods/name: a watch of one object, as a field selector on the collection.
            return new ResourcePath(kind, namespace, null, null, true).withName(name);
        }
        return new ResourcePath(kind, namespace, name, sub, watch);
    }
}
