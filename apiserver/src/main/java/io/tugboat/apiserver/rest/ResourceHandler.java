package io.tugboat.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.autoscaling.Scale;
import io.tugboat.api.autoscaling.ScaleSpec;
import io.tugboat.api.autoscaling.ScaleStatus;
import io.tugboat.api.core.Binding;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.NamespaceSpec;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.fields.FieldSelector;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.Status;
import io.tugboat.api.meta.StatusDetails;
import io.tugboat.apiserver.auth.WriteAdmission;
import io.tugboat.apiserver.registry.ListOptions;
import io.tugboat.apiserver.registry.Registry;
import io.tugboat.apiserver.rest.patch.JsonMergePatch;
import io.tugboat.apiserver.rest.patch.JsonPatch;
import io.tugboat.apiserver.rest.patch.PatchException;
import io.tugboat.apiserver.rest.patch.PatchSchemas;
import io.tugboat.apiserver.rest.patch.StrategicMergePatch;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The verbs of one resource: turns a parsed request into {@link Registry} calls and the result into a
 * response in the format the client asked for. The mapping, as in Kubernetes:
 * <pre>
 *   GET    collection         list, or watch with ?watch=true
 *   POST   collection         create
 *   DELETE collection         deletecollection
 *   GET    item[/status]      get
 *   PUT    item[/status]      update
 *   PATCH  item[/status]      patch (JSON patch, merge patch, strategic merge patch)
 *   DELETE item               delete
 *   GET|PUT|PATCH item/scale  the autoscaling/v1 Scale view of replicas
 *   POST   pods/x/binding     assign a pod to a node
 *   POST   pods/x/eviction    delete a pod unless a disruption budget forbids it ({@link PodEviction})
 *   GET    pods/x/log         the container log, proxied from the kubelet
 *   GET|POST pods/x/exec|attach|portforward  a connection upgrade, proxied to the kubelet (StreamProxy)
 * </pre>
 */
public final class ResourceHandler {
    private final Map<ResourceKind<?>, Registry> registries;
    private final Responses responses;
    private final WatchStreamer watches;
    private final LogProxy logs;
    private final StreamProxy streams = new StreamProxy();
    private final Clock clock;
    private WriteAdmission admission = WriteAdmission.NONE;

    public ResourceHandler(Map<ResourceKind<?>, Registry> registries, Responses responses, WatchStreamer watches,
                           LogProxy logs, Clock clock) {
        this.registries = registries;
        this.responses = responses;
        this.watches = watches;
        this.logs = logs;
        this.clock = clock;
    }

    /**
     * Admission that depends on the writer (NodeRestriction, RBAC escalation checks), run before each create,
     * update and delete, after authorization. Set once, before serving.
     */
    public ResourceHandler withAdmission(WriteAdmission admission) {
        this.admission = admission;
        return this;
    }

    private void admit(ApiRequest request, WriteAdmission.Operation operation, ResourcePath path, String subresource,
                       String name, KubernetesObject object, KubernetesObject old) {
        if (request.user() == null) {
            return;   // not authenticated: an embedded server without authentication, nothing to restrict by
        }
        admission.admit(new WriteAdmission.Attributes(request.user(), operation, path.kind(), subresource,
                path.namespace(), name, object, old));
    }

    /**
     * A create's body: JSON or YAML, or, for the RBAC kinds only, the protobuf that {@code kubectl create role} and
     * {@code kubectl create rolebinding} send.
     */
    private static Bodies.Body<? extends KubernetesObject> decodeCreate(ApiRequest request, ResourceKind<?> kind) {
        if (request.contentType().equals(io.tugboat.apiserver.auth.ProtobufMessage.CONTENT_TYPE)) {
            java.util.Optional<KubernetesObject> rbac = io.tugboat.apiserver.auth.rbac.RbacProtobuf.decode(kind, request.body());
            if (rbac.isPresent()) {
                return new Bodies.Body<>(rbac.get(), List.of());
            }
        }
        return Bodies.decode(request, kind.type());
    }

    /** The stored object as the watch cache has it (no etcd read), or null. */
    private static KubernetesObject cached(Registry registry, String namespace, String name) {
        return registry.cache().get(registry.key(namespace, name)).orElse(null);
    }

    public Reply handle(ApiRequest request, ResourcePath path) {
        Registry registry = registries.get(path.kind());
        String sub = path.subresource();
        if (sub != null && !path.kind().hasSubresource(sub)) {
            throw ApiError.notFound("the server could not find the requested resource");
        }
        if (path.name() == null) {
            return collection(request, path, registry);
        }
        if (sub == null || sub.equals("status")) {
            return item(request, path, registry, "status".equals(sub));
        }
        return switch (sub) {
            case "scale" -> scale(request, path, registry);
            case "finalize" -> finalizeNamespace(request, path, registry);
            case "binding" -> binding(request, path, registry);
            case "eviction" -> {
                admit(request, WriteAdmission.Operation.CREATE, path, sub, path.name(), null,
                        cached(registry, path.namespace(), path.name()));
                yield PodEviction.evict(request, path, registry, responses);
            }
            case "log" -> logs.log(request, path.namespace(), path.name(), registries.get(ResourceKinds.NODES),
                    registries.get(ResourceKinds.PODS));
            case "exec", "attach", "portforward" -> streams.stream(request, sub, path.namespace(), path.name(),
                    registries.get(ResourceKinds.NODES), registries.get(ResourceKinds.PODS));
            default -> throw ApiError.methodNotAllowed("the " + sub + " subresource is not supported by Tugboat yet");
        };
    }

    // ------------------------------------------------------------------ collection

    private Reply collection(ApiRequest request, ResourcePath path, Registry registry) {
        String method = request.method();
        if (path.watch() && !method.equals("GET")) {
            throw ApiError.methodNotAllowed("watch paths only support GET");
        }
        switch (method) {
            case "GET" -> {
                ListOptions options = listOptions(request);
                if (path.watchedName() != null) {
                    String fields = options.fieldSelector().isEmpty() ? "" : options.fieldSelector() + ",";
                    options = new ListOptions(options.labelSelector(), FieldSelector.parse(fields + "metadata.name="
                            + FieldSelector.escapeValue(path.watchedName())), options.limit(), options.continueToken(),
                            options.resourceVersion(), options.resourceVersionMatch(), options.allowWatchBookmarks(),
                            options.timeoutSeconds());
                }
                if (path.watch() || request.flag("watch")) {
                    return watches.watch(request, registry, path.namespace(), options);
                }
                Registry.ListPage page = registry.list(path.namespace(), options);
                return responses.list(request, path.kind(), page);
            }
            case "POST" -> {
                if (path.kind().namespaced() && path.namespace() == null) {
                    throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
                }
                Bodies.Body<? extends KubernetesObject> body = decodeCreate(request, path.kind());
                admit(request, WriteAdmission.Operation.CREATE, path, "", body.value().metadata() == null ? ""
                        : body.value().metadata().name(), body.value(), null);
                Registry.Written created = registry.createWritten(path.namespace(), body.value(), request.isDryRun());
                return responses.object(request, path.kind(), 201, created, body.warnings());
            }
            case "DELETE" -> {
                DeleteOptions options = deleteOptions(request);
                ListOptions list = listOptions(request);
                List<KubernetesObject> deleted = new ArrayList<>();
                for (KubernetesObject object : registry.list(path.namespace(), new ListOptions(list.labelSelector(),
                        list.fieldSelector(), 0, null, null, null, false, 0)).items()) {
                    admit(request, WriteAdmission.Operation.DELETE, path, "", object.metadata().name(), null, object);
                    try {
                        deleted.add(registry.delete(object.metadata().namespace(), object.metadata().name(), options,
                                request.isDryRun()).object());
                    } catch (ApiError e) {
                        if (e.code() != 404) {
                            throw e;
                        }
                    }
                }
                ObjectList<KubernetesObject> list2 = new ObjectList<>(path.kind().apiVersion(), path.kind().listKind(),
                        new ListMeta(null, null, null, null), deleted);
                return responses.json(200, list2);
            }
            default -> throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    // ------------------------------------------------------------------ item

    private Reply item(ApiRequest request, ResourcePath path, Registry registry, boolean status) {
        String ns = path.namespace();
        String name = path.name();
        switch (request.method()) {
            case "GET" -> {
                return responses.object(request, path.kind(), 200, registry.get(ns, name), List.of());
            }
            case "PUT" -> {
                Bodies.Body<? extends KubernetesObject> body = Bodies.decode(request, path.kind().type());
                admit(request, WriteAdmission.Operation.UPDATE, path, status ? "status" : "", name, body.value(),
                        cached(registry, ns, name));
                Registry.Written updated = registry.updateWritten(ns, name, body.value(), status, request.isDryRun());
                return responses.object(request, path.kind(), 200, updated, body.warnings());
            }
            case "PATCH" -> {
                List<String> warnings = new ArrayList<>();
                UnaryOperator<KubernetesObject> patch = patcher(request, path.kind(), warnings);
                UnaryOperator<KubernetesObject> mutation = current -> {
                    KubernetesObject next = patch.apply(current);
                    admit(request, WriteAdmission.Operation.UPDATE, path, status ? "status" : "", name, next, current);
                    return next;
                };
                String pinned = pinnedVersion(request);
                Registry.Written patched = registry.guaranteedUpdateWritten(ns, name, mutation, pinned,
                        status ? Registry.UpdateScope.STATUS : Registry.UpdateScope.MAIN, request.isDryRun());
                return responses.object(request, path.kind(), 200, patched, warnings);
            }
            case "DELETE" -> {
                if (status) {
                    throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
                }
                admit(request, WriteAdmission.Operation.DELETE, path, "", name, null, cached(registry, ns, name));
                Registry.DeleteResult result = registry.delete(ns, name, deleteOptions(request), request.isDryRun());
                return responses.object(request, path.kind(), result.deleted() ? 200 : 202, result.object(), List.of());
            }
            default -> throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    /**
     * Builds the mutation a PATCH applies to the current object: the patch runs on the object's JSON tree, and
     * the result is decoded (with field validation) back into the kind's record.
     */
    private UnaryOperator<KubernetesObject> patcher(ApiRequest request, ResourceKind<?> kind, List<String> warnings) {
        String type = request.contentType();
        switch (type) {
            case "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json" -> { }
            default -> throw ApiError.unsupportedPatchType(type);
        }
        JsonNode patch = Bodies.tree(request, false);
        if (!type.equals("application/json-patch+json") && !patch.isObject()) {
            throw ApiError.badRequest("a " + type + " patch must be a JSON object");
        }
        return current -> {
            JsonNode target = Codec.toTree(current);
            JsonNode result;
            try {
                result = switch (type) {
                    case "application/merge-patch+json" -> JsonMergePatch.apply(target, patch);
                    case "application/json-patch+json" -> JsonPatch.apply(target, patch);
                    case "application/strategic-merge-patch+json" ->
                            StrategicMergePatch.apply(target, patch, PatchSchemas.forKind(kind.apiVersion(), kind.kind()));
                    default -> throw ApiError.unsupportedPatchType(type);
                };
            } catch (PatchException e) {
                throw e.reason().code() == 422
                        ? ApiError.invalid(kind, current.metadata().name(), List.of(
                                new io.tugboat.api.meta.StatusCause("FieldValueInvalid", e.getMessage(), "")))
                        : ApiError.badRequest(e.getMessage());
            }
            if (!result.isObject()) {
                throw ApiError.badRequest("the patch did not produce an object");
            }
            Bodies.Body<? extends KubernetesObject> body = Bodies.fromTree(request, result, kind.type());
            warnings.clear();
            warnings.addAll(body.warnings());
            return body.value();
        };
    }

    /** A patch that sets metadata.resourceVersion pins the update to that version, as in Kubernetes. */
    private static String pinnedVersion(ApiRequest request) {
        String type = request.contentType();
        if (!type.equals("application/merge-patch+json") && !type.equals("application/strategic-merge-patch+json")) {
            return null;
        }
        JsonNode patch = Bodies.tree(request, false);
        JsonNode rv = patch.path("metadata").path("resourceVersion");
        return rv.isTextual() && !rv.asText().isEmpty() ? rv.asText() : null;
    }

    // ------------------------------------------------------------------ scale

    private Reply scale(ApiRequest request, ResourcePath path, Registry registry) {
        String ns = path.namespace();
        String name = path.name();
        switch (request.method()) {
            case "GET" -> {
                return responses.json(200, toScale(registry.get(ns, name)));
            }
            case "PUT", "PATCH" -> {
                UnaryOperator<KubernetesObject> mutation;
                String pinned;
                if (request.method().equals("PUT")) {
                    Scale scale = Bodies.decode(request, Scale.class).value();
                    if (scale.spec() == null || scale.spec().replicas() == null) {
                        throw ApiError.invalid(path.kind(), name, List.of(new io.tugboat.api.meta.StatusCause(
                                "FieldValueRequired", "Required value", "spec.replicas")));
                    }
                    pinned = scale.metadata() == null || scale.metadata().resourceVersion() == null
                            || scale.metadata().resourceVersion().isEmpty() ? null : scale.metadata().resourceVersion();
                    int replicas = scale.spec().replicas();
                    mutation = current -> withReplicas(current, replicas);
                } else {
                    pinned = null;
                    switch (request.contentType()) {
                        case "application/merge-patch+json", "application/json-patch+json",
                             "application/strategic-merge-patch+json" -> { }
                        default -> throw ApiError.unsupportedPatchType(request.contentType());
                    }
                    JsonNode patch = Bodies.tree(request, false);
                    mutation = current -> {
                        JsonNode scaleTree = Codec.toTree(toScale(current));
                        JsonNode result;
                        try {
                            result = switch (request.contentType()) {
                                case "application/merge-patch+json", "application/strategic-merge-patch+json" ->
                                        JsonMergePatch.apply(scaleTree, patch);
                                case "application/json-patch+json" -> JsonPatch.apply(scaleTree, patch);
                                default -> throw ApiError.unsupportedPatchType(request.contentType());
                            };
                        } catch (PatchException e) {
                            throw ApiError.badRequest(e.getMessage());
                        }
                        Scale scale = Bodies.fromTree(request, result, Scale.class).value();
                        if (scale.spec() == null || scale.spec().replicas() == null || scale.spec().replicas() < 0) {
                            throw ApiError.invalid(path.kind(), name, List.of(new io.tugboat.api.meta.StatusCause(
                                    "FieldValueInvalid", "Invalid value: must be greater than or equal to 0", "spec.replicas")));
                        }
                        return withReplicas(current, scale.spec().replicas());
                    };
                }
                if (pinned != null) {
                    String version = pinned;
                    KubernetesObject updated = registry.guaranteedUpdate(ns, name, mutation, version, false, request.isDryRun());
                    return responses.json(200, toScale(updated));
                }
                KubernetesObject updated = registry.guaranteedUpdate(ns, name, mutation, null, false, request.isDryRun());
                return responses.json(200, toScale(updated));
            }
            default -> throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    /** The Scale view: spec.replicas from the object, status.replicas and the selector as a string. */
    static Scale toScale(KubernetesObject object) {
        JsonNode tree = Codec.toTree(object);
        int specReplicas = tree.path("spec").path("replicas").asInt(1);
        int statusReplicas = tree.path("status").path("replicas").asInt(0);
        String selector = null;
        JsonNode sel = tree.path("spec").path("selector");
        if (sel.isObject()) {
            try {
                LabelSelector labelSelector = Codec.fromTree(sel, LabelSelector.class).value();
                selector = LabelSelectors.toSelector(labelSelector).toString();
            } catch (Exception e) {
                selector = null;
            }
        }
        ObjectMeta meta = object.metadata();
        ObjectMeta scaleMeta = new ObjectMeta(meta.name(), null, meta.namespace(), null, meta.uid(), meta.resourceVersion(),
                null, meta.creationTimestamp(), null, null, null, null, null, null);
        return Scale.of(scaleMeta, new ScaleSpec(specReplicas), new ScaleStatus(statusReplicas, selector));
    }

    private static KubernetesObject withReplicas(KubernetesObject object, int replicas) {
        ObjectNode tree = (ObjectNode) Codec.toTree(object);
        ObjectNode spec = tree.with("spec");
        spec.put("replicas", replicas);
        try {
            return Codec.fromTree(tree, object.getClass()).value();
        } catch (Exception e) {
            throw ApiError.internal("cannot apply scale: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ namespaces/finalize

    /** {@code PUT namespaces/{name}/finalize}: only spec.finalizers change; emptying them ends a deletion. */
    private Reply finalizeNamespace(ApiRequest request, ResourcePath path, Registry registry) {
        if (!request.method().equals("PUT")) {
            throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        Namespace submitted = Bodies.decode(request, Namespace.class).value();
        List<String> finalizers = submitted.spec() == null || submitted.spec().finalizers() == null
                ? List.of() : submitted.spec().finalizers();
        String pinned = submitted.metadata() == null ? null : submitted.metadata().resourceVersion();
        KubernetesObject result = registry.guaranteedUpdate(null, path.name(), current -> {
            Namespace ns = (Namespace) current;
            return ns.withSpec(new NamespaceSpec(finalizers));
        }, pinned == null || pinned.isEmpty() ? null : pinned, Registry.UpdateScope.ALL, request.isDryRun());
        return responses.object(request, path.kind(), 200, result, List.of());
    }

    // ------------------------------------------------------------------ binding

    private Reply binding(ApiRequest request, ResourcePath path, Registry registry) {
        if (!request.method().equals("POST")) {
            throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        Binding binding = Bodies.decode(request, Binding.class).value();
        if (binding.target() == null || binding.target().name() == null || binding.target().name().isEmpty()) {
            throw ApiError.invalid(ResourceKinds.PODS, path.name(), List.of(new io.tugboat.api.meta.StatusCause(
                    "FieldValueRequired", "Required value", "target.name")));
        }
        String node = binding.target().name();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        registry.guaranteedUpdate(path.namespace(), path.name(), current -> {
            Pod pod = (Pod) current;
            if (pod.metadata().deletionTimestamp() != null) {
                throw ApiError.conflict(ResourceKinds.PODS, path.name(), "pod is being deleted, cannot be assigned to a host");
            }
            if (pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty()) {
                throw ApiError.conflict(ResourceKinds.PODS, path.name(), "pod " + path.name()
                        + " is already assigned to node \"" + pod.spec().nodeName() + "\"");
            }
            PodStatus status = pod.status() == null
                    ? new PodStatus("Pending", null, null, null, null, null, null, null, null, null, null, null) : pod.status();
            List<PodCondition> conditions = new ArrayList<>(status.conditions() == null ? List.of() : status.conditions());
            conditions.removeIf(c -> "PodScheduled".equals(c.type()));
            conditions.add(new PodCondition("PodScheduled", "True", null, now, null, null));
            return pod.withSpec(pod.spec().withNodeName(node)).withStatus(status.withConditions(conditions));
        }, null, Registry.UpdateScope.ALL, request.isDryRun());
        Status ok = new Status("v1", "Status", new ListMeta(null, null, null, null), "Success", null, null,
                new StatusDetails(path.name(), "", "pods", null, null, null), 201);
        return responses.json(201, ok);
    }

    // ------------------------------------------------------------------ options

    static ListOptions listOptions(ApiRequest request) {
        Selector labels;
        FieldSelector fields;
        try {
            String l = request.param("labelSelector");
            labels = l == null || l.isBlank() ? Selector.everything() : Selector.parse(l);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("unable to parse requirement: " + e.getMessage());
        }
        try {
            String f = request.param("fieldSelector");
            fields = f == null || f.isBlank() ? FieldSelector.everything() : FieldSelector.parse(f);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid field selector: " + e.getMessage());
        }
        long limit = longParam(request, "limit");
        long timeout = longParam(request, "timeoutSeconds");
        if (request.flag("sendInitialEvents")) {
            throw ApiError.badRequest("sendInitialEvents is not supported by this server; list, then watch");
        }
        String match = request.param("resourceVersionMatch");
        if (match != null && !match.isEmpty() && !match.equals("NotOlderThan") && !match.equals("Exact")) {
            throw ApiError.badRequest("resourceVersionMatch: unsupported value \"" + match + "\"");
        }
        if ("Exact".equals(match) && (request.param("resourceVersion") == null || request.param("resourceVersion").isEmpty()
                || "0".equals(request.param("resourceVersion")))) {
            throw ApiError.badRequest("resourceVersionMatch: Exact requires a non-zero resourceVersion");
        }
        return new ListOptions(labels, fields, limit, request.param("continue"), request.param("resourceVersion"),
                match == null || match.isEmpty() ? null : match, request.flag("allowWatchBookmarks"), timeout);
    }

    private static long longParam(ApiRequest request, String name) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid value for " + name + ": \"" + value + "\"");
        }
    }

    /** DeleteOptions from the body (if any) and the query parameters kubectl may use instead. */
    static DeleteOptions deleteOptions(ApiRequest request) {
        DeleteOptions options = new DeleteOptions(null, null, null, null, null, null, null);
        if (request.body().length > 0) {
            options = Bodies.decode(request, DeleteOptions.class).value();
        }
        Long grace = options.gracePeriodSeconds();
        String graceParam = request.param("gracePeriodSeconds");
        if (graceParam != null && !graceParam.isEmpty()) {
            try {
                grace = Long.parseLong(graceParam);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("invalid value for gracePeriodSeconds: \"" + graceParam + "\"");
            }
        }
        String policy = request.param("propagationPolicy") != null ? request.param("propagationPolicy") : options.propagationPolicy();
        return new DeleteOptions(options.apiVersion(), options.kind(), grace, options.preconditions(),
                options.orphanDependents(), policy, options.dryRun());
    }
}
