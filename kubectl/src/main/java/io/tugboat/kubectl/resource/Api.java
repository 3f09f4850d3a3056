package io.tugboat.kubectl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKind;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API server as kubectl sees it: JSON trees in, JSON trees out, for any kind. The CLI prints what the
 * server sent (every field, in whatever shape), so it works on trees rather than the typed records the
 * controllers use. Paths are Kubernetes': {@code /api/v1/namespaces/ns/pods/x},
 * {@code /apis/apps/v1/namespaces/ns/deployments/x/scale}.
 */
public final class Api {
    /** What {@code kubectl get} sends so that the server answers with a Table. */
    public static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private final ApiClient client;

    public Api(ApiClient client) {
        this.client = client;
    }

    public URI server() {
        return client.server();
    }

    /** The typed client underneath, for what is not a JSON request (exec's WebSocket). */
    public ApiClient client() {
        return client;
    }

    /** The collection path (namespace {@code null}: across all namespaces, or cluster-scoped). */
    public static String path(ResourceKind<?> kind, String namespace, String name) {
        StringBuilder path = new StringBuilder(kind.groupVersionPath());
        if (kind.namespaced() && namespace != null) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(kind.plural());
        if (name != null) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    private static String ns(ResourceKind<?> kind, String namespace) {
        return kind.namespaced() ? namespace : null;
    }

    public JsonNode request(String method, String path, Map<String, String> query, JsonNode body, String contentType,
                            String accept) throws ApiException {
        byte[] bytes = body == null ? null : Codec.toJson(body);
        return tree(client.call(method, path, query, bytes, contentType, accept));
    }

    /** GET any path (discovery, {@code /version}, OpenAPI). */
    public JsonNode get(String path) throws ApiException {
        return request("GET", path, null, null, null, null);
    }

    public ObjectNode get(ResourceKind<?> kind, String namespace, String name) throws ApiException {
        return (ObjectNode) request("GET", path(kind, ns(kind, namespace), name), null, null, null, null);
    }

    /** One object as a Table of one row. */
    public JsonNode getTable(ResourceKind<?> kind, String namespace, String name) throws ApiException {
        return request("GET", path(kind, ns(kind, namespace), name), null, null, null, TABLE);
    }

    /** A list (or, with {@code table}, a Table); {@code namespace} null lists across all namespaces. */
    public JsonNode list(ResourceKind<?> kind, String namespace, String labelSelector, String fieldSelector,
                         boolean table) throws ApiException {
        Map<String, String> query = new LinkedHashMap<>();
        if (labelSelector != null && !labelSelector.isEmpty()) {
            query.put("labelSelector", labelSelector);
        }
        if (fieldSelector != null && !fieldSelector.isEmpty()) {
            query.put("fieldSelector", fieldSelector);
        }
        query.put("limit", "500");
        return request("GET", path(kind, ns(kind, namespace), null), query, null, null, table ? TABLE : null);
    }

    /** POST; {@code query} carries e.g. {@code fieldManager}. */
    public ObjectNode create(ResourceKind<?> kind, String namespace, JsonNode object, Map<String, String> query)
            throws ApiException {
        return (ObjectNode) request("POST", path(kind, ns(kind, namespace), null), query, object, "application/json", null);
    }

    /** PUT (the object carries its resourceVersion: a conflict if it changed). */
    public ObjectNode replace(ResourceKind<?> kind, String namespace, String name, JsonNode object) throws ApiException {
        return (ObjectNode) request("PUT", path(kind, ns(kind, namespace), name), null, object, "application/json", null);
    }

    /** PATCH the object or a subresource ({@code null}) with a patch type's content type. */
    public JsonNode patch(ResourceKind<?> kind, String namespace, String name, String subresource, String contentType,
                          JsonNode patch, Map<String, String> query) throws ApiException {
        String path = path(kind, ns(kind, namespace), name) + (subresource == null ? "" : "/" + subresource);
        return request("PATCH", path, query, patch, contentType, null);
    }

    /** DELETE with DeleteOptions. */
    public JsonNode delete(ResourceKind<?> kind, String namespace, String name, JsonNode options) throws ApiException {
        return request("DELETE", path(kind, ns(kind, namespace), name), null, options,
                options == null ? null : "application/json", null);
    }

    /** POST to a subresource ({@code pods/x/eviction}). */
    public JsonNode post(ResourceKind<?> kind, String namespace, String name, String subresource, JsonNode body)
            throws ApiException {
        return request("POST", path(kind, ns(kind, namespace), name) + "/" + subresource, null, body,
                "application/json", null);
    }

    /** Opens a watch on a collection; newline-delimited JSON frames. */
    public InputStream watch(ResourceKind<?> kind, String namespace, String labelSelector, String fieldSelector,
                             String resourceVersion, Integer timeoutSeconds, boolean table) throws ApiException {
        Map<String, String> query = new LinkedHashMap<>();
        if (labelSelector != null && !labelSelector.isEmpty()) {
            query.put("labelSelector", labelSelector);
        }
        if (fieldSelector != null && !fieldSelector.isEmpty()) {
            query.put("fieldSelector", fieldSelector);
        }
        if (resourceVersion != null) {
            query.put("resourceVersion", resourceVersion);
        }
        query.put("watch", "true");
        if (timeoutSeconds != null) {
            query.put("timeoutSeconds", Integer.toString(timeoutSeconds));
        }
        return client.openStream(path(kind, ns(kind, namespace), null), query, table ? TABLE : null);
    }

    /** A pod's log as a stream (followed when asked). */
    public InputStream log(String namespace, String pod, Map<String, String> query) throws ApiException {
        return client.openStream("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log", query, "*/*");
    }

    /** Parses JSON text (a watch frame, a response body). */
    public static JsonNode tree(byte[] json) {
        if (json == null || json.length == 0) {
            return Codec.json().createObjectNode();
        }
        try {
            return Codec.readTree(json, false);
        } catch (DecodeException e) {
            throw new IllegalStateException("the server sent something that is not JSON: "
                    + new String(json, 0, Math.min(json.length, 200), StandardCharsets.UTF_8), e);
        }
    }
}
