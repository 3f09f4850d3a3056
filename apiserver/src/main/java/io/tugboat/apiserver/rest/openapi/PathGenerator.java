package io.tugboat.apiserver.rest.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.autoscaling.Scale;
import io.tugboat.api.core.Binding;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.Status;
import io.tugboat.api.policy.Eviction;
import io.tugboat.apiserver.rest.openapi.SchemaNames.Gvk;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@code paths} of one group-version document: for every kind its collection, its items, the list
 * across namespaces and the subresources, each operation tagged the way kubectl looks for it.
 *
 * <p>For a namespaced kind such as pods in {@code /api/v1} this yields
 *
 * <pre>
 * /api/v1/pods                                   get (list in all namespaces)
 * /api/v1/namespaces/{namespace}/pods            get (list, watch), post, delete (collection)
 * /api/v1/namespaces/{namespace}/pods/{name}     get, put, patch, delete
 * /api/v1/namespaces/{namespace}/pods/{name}/status   get, put, patch
 * /api/v1/namespaces/{namespace}/pods/{name}/binding  post
 * /api/v1/namespaces/{namespace}/pods/{name}/eviction post
 * /api/v1/namespaces/{namespace}/pods/{name}/log      get
 * </pre>
 *
 * Two consumers read these. {@code kubectl explain} finds the kind of a resource through the
 * {@code x-kubernetes-group-version-kind} of the first operation on the collection or item path. kubectl's
 * field-validation check (cli-runtime {@code query_param_verifier_v3.go}) looks for a {@code patch} operation
 * carrying the kind's GVK and a query parameter named {@code fieldValidation}; it reads parameters by name, so
 * they are written inline rather than as {@code $ref}s. Subresources that upgrade the connection (exec, attach,
 * portforward, proxy) are not described.
 */
final class PathGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final List<String> JSON_AND_YAML = List.of("application/json", "application/yaml");
    private static final List<String> LIST_CONTENT = List.of("application/json", "application/json;stream=watch",
            "application/yaml");
    private static final List<String> PATCH_CONTENT = List.of("application/apply-patch+yaml",
            "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json");

    private final SchemaGenerator schemas;
    private final Map<String, ObjectNode> paths = new TreeMap<>();

    PathGenerator(SchemaGenerator schemas) {
        this.schemas = schemas;
    }

    /** All paths added so far, sorted. */
    ObjectNode paths() {
        ObjectNode node = JSON.objectNode();
        paths.forEach(node::set);
        return node;
    }

    /** Adds every path of one kind. */
    void addKind(ResourceKind<?> kind) {
        Names names = new Names(kind);
        String kindSchema = schemas.define(kind.type());
        String listSchema = schemas.defineList(kind);
        String status = schemas.define(Status.class);
        String deleteOptions = schemas.define(DeleteOptions.class);
        String patch = schemas.definePatch();
        Gvk gvk = Gvk.of(kind);

        ObjectNode collection = path(names.collection, scopeParameters(kind, false));
        collection.set("get", new Operation("List or watch " + kind.plural(), "list" + names.id)
                .parameters(Parameters.list())
                .response(listSchema, LIST_CONTENT, 200)
                .done(kind, "list", gvk));
        collection.set("post", new Operation("Create a " + kind.kind(), "create" + names.id)
                .parameters(Parameters.write())
                .body(kindSchema, JSON_AND_YAML)
                .response(kindSchema, JSON_AND_YAML, 200, 201, 202)
                .done(kind, "post", gvk));
        collection.set("delete", new Operation("Delete a collection of " + kind.plural(),
                "delete" + names.prefix + "Collection" + names.scope + kind.kind())
                .parameters(Parameters.deleteCollection())
                .body(deleteOptions, JSON_AND_YAML)
                .response(status, JSON_AND_YAML, 200)
                .done(kind, "deletecollection", gvk));

        ObjectNode item = path(names.item, scopeParameters(kind, true));
        item.set("get", new Operation("Read a " + kind.kind(), "read" + names.id)
                .response(kindSchema, JSON_AND_YAML, 200)
                .done(kind, "get", gvk));
        item.set("put", new Operation("Replace a " + kind.kind(), "replace" + names.id)
                .parameters(Parameters.write())
                .body(kindSchema, JSON_AND_YAML)
                .response(kindSchema, JSON_AND_YAML, 200, 201)
                .done(kind, "put", gvk));
        item.set("patch", patchOperation("Partially update a " + kind.kind(), "patch" + names.id, kindSchema, patch,
                kind, gvk));
        item.set("delete", new Operation("Delete a " + kind.kind(), "delete" + names.id)
                .parameters(Parameters.delete())
                .body(deleteOptions, JSON_AND_YAML)
                .response(status, JSON_AND_YAML, 200, 202)
                .done(kind, "delete", gvk));

        if (kind.namespaced()) {
            ObjectNode all = path(kind.groupVersionPath() + "/" + kind.plural(), List.of(Parameters.pretty()));
            all.set("get", new Operation("List or watch " + kind.plural() + " in all namespaces",
                    "list" + names.prefix + kind.kind() + "ForAllNamespaces")
                    .parameters(Parameters.list())
                    .response(listSchema, LIST_CONTENT, 200)
                    .done(kind, "list", gvk));
        }
        for (String subresource : kind.subresources()) {
            addSubresource(kind, names, subresource, kindSchema, patch);
        }
    }

    private void addSubresource(ResourceKind<?> kind, Names names, String subresource, String kindSchema, String patch) {
        String path = names.item + "/" + subresource;
        switch (subresource) {
            case "status" -> addReadReplacePatch(kind, path, names.id + "Status", "status of a " + kind.kind(),
                    kindSchema, patch, Gvk.of(kind));
            case "scale" -> addReadReplacePatch(kind, path, names.id + "Scale", "scale of a " + kind.kind(),
                    schemas.define(Scale.class), patch, SchemaNames.gvkOf(Scale.class).orElseThrow());
            case "binding" -> {
                String binding = schemas.define(Binding.class);
                path(path, scopeParameters(kind, true)).set("post", new Operation(
                        "Bind a " + kind.kind() + " to a node", "create" + names.id + "Binding")
                        .parameters(Parameters.write())
                        .body(binding, JSON_AND_YAML)
                        .response(binding, JSON_AND_YAML, 200, 201, 202)
                        .done(kind, "post", SchemaNames.gvkOf(Binding.class).orElseThrow()));
            }
            case "eviction" -> {
                String eviction = schemas.define(Eviction.class);
                path(path, scopeParameters(kind, true)).set("post", new Operation(
                        "Evict a " + kind.kind() + " (delete it unless a disruption budget forbids it)",
                        "create" + names.id + "Eviction")
                        .parameters(Parameters.write())
                        .body(eviction, JSON_AND_YAML)
                        .response(eviction, JSON_AND_YAML, 200, 201, 202)
                        .done(kind, "post", SchemaNames.gvkOf(Eviction.class).orElseThrow()));
            }
            case "log" -> path(path, scopeParameters(kind, true)).set("get", new Operation(
                    "Read the log of a container of a " + kind.kind(), "read" + names.id + "Log")
                    .parameters(Parameters.log())
                    .textResponse()
                    .done(kind, "get", Gvk.of(kind)));
            case "finalize" -> path(path, scopeParameters(kind, true)).set("put", new Operation(
                    "Replace the finalizers of a " + kind.kind(), "replace" + names.id + "Finalize")
                    .parameters(Parameters.write())
                    .body(kindSchema, JSON_AND_YAML)
                    .response(kindSchema, JSON_AND_YAML, 200, 201)
                    .done(kind, "put", Gvk.of(kind)));
            default -> {
                // exec, attach, portforward, proxy: connection upgrades that OpenAPI cannot usefully describe.
            }
        }
    }

    private void addReadReplacePatch(ResourceKind<?> kind, String path, String id, String what, String schema,
                                     String patch, Gvk gvk) {
        ObjectNode node = path(path, scopeParameters(kind, true));
        node.set("get", new Operation("Read the " + what, "read" + id)
                .response(schema, JSON_AND_YAML, 200)
                .done(kind, "get", gvk));
        node.set("put", new Operation("Replace the " + what, "replace" + id)
                .parameters(Parameters.write())
                .body(schema, JSON_AND_YAML)
                .response(schema, JSON_AND_YAML, 200, 201)
                .done(kind, "put", gvk));
        node.set("patch", patchOperation("Partially update the " + what, "patch" + id, schema, patch, kind, gvk));
    }

    /** Every PATCH carries the kind's GVK and {@code fieldValidation}: kubectl checks the first one it meets. */
    private static ObjectNode patchOperation(String description, String id, String schema, String patch,
                                             ResourceKind<?> kind, Gvk gvk) {
        return new Operation(description, id)
                .parameters(Parameters.patch())
                .body(patch, PATCH_CONTENT)
                .response(schema, JSON_AND_YAML, 200, 201)
                .done(kind, "patch", gvk);
    }

    private ObjectNode path(String path, List<ObjectNode> parameters) {
        ObjectNode node = paths.computeIfAbsent(path, p -> JSON.objectNode());
        ArrayNode array = node.putArray("parameters");
        parameters.forEach(array::add);
        return node;
    }

    private static List<ObjectNode> scopeParameters(ResourceKind<?> kind, boolean item) {
        if (item) {
            return kind.namespaced()
                    ? List.of(Parameters.name(kind), Parameters.namespace(), Parameters.pretty())
                    : List.of(Parameters.name(kind), Parameters.pretty());
        }
        return kind.namespaced() ? List.of(Parameters.namespace(), Parameters.pretty()) : List.of(Parameters.pretty());
    }

    /** The parts Kubernetes composes operation ids and paths from. */
    private static final class Names {
        /** {@code CoreV1}, {@code AppsV1}, {@code CoordinationV1}. */
        final String prefix;
        /** {@code Namespaced} or empty. */
        final String scope;
        /** {@code CoreV1NamespacedPod}: what follows the verb in an operation id. */
        final String id;
        final String collection;
        final String item;

        Names(ResourceKind<?> kind) {
            String group = kind.group().isEmpty() ? "core" : kind.group().split("\\.")[0];
            prefix = capitalize(group) + capitalize(kind.version());
            scope = kind.namespaced() ? "Namespaced" : "";
            id = prefix + scope + kind.kind();
            collection = kind.groupVersionPath() + (kind.namespaced() ? "/namespaces/{namespace}/" : "/")
                    + kind.plural();
            item = collection + "/{name}";
        }

        private static String capitalize(String s) {
            return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
        }
    }

    /** One operation, built in the order Kubernetes writes its fields. */
    private static final class Operation {
        private final ObjectNode node = JSON.objectNode();
        private ObjectNode responses;

        Operation(String description, String operationId) {
            node.put("description", description);
            node.put("operationId", operationId);
        }

        Operation parameters(List<ObjectNode> parameters) {
            ArrayNode array = node.putArray("parameters");
            parameters.forEach(array::add);
            return this;
        }

        Operation body(String schema, List<String> contentTypes) {
            ObjectNode body = node.putObject("requestBody");
            body.set("content", content(schema, contentTypes));
            body.put("required", true);
            return this;
        }

        Operation response(String schema, List<String> contentTypes, int... codes) {
            for (int code : codes) {
                ObjectNode response = responses().putObject(Integer.toString(code));
                response.set("content", content(schema, contentTypes));
                response.put("description", switch (code) {
                    case 201 -> "Created";
                    case 202 -> "Accepted";
                    default -> "OK";
                });
            }
            return this;
        }

        Operation textResponse() {
            ObjectNode response = responses().putObject("200");
            response.putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
            response.put("description", "OK");
            return this;
        }

        ObjectNode done(ResourceKind<?> kind, String action, Gvk gvk) {
            responses().putObject("401").put("description", "Unauthorized");
            String group = kind.group().isEmpty() ? "core" : kind.group().split("\\.")[0];
            node.putArray("tags").add(group + "_" + kind.version());
            node.put("x-kubernetes-action", action);
            node.set("x-kubernetes-group-version-kind", SchemaGenerator.gvkNode(gvk));
            return node;
        }

        private ObjectNode responses() {
            if (responses == null) {
                responses = node.putObject("responses");
            }
            return responses;
        }

        private static ObjectNode content(String schema, List<String> contentTypes) {
            ObjectNode content = JSON.objectNode();
            for (String type : contentTypes) {
                content.putObject(type).set("schema", SchemaGenerator.ref(schema));
            }
            return content;
        }
    }
}
