package io.tugboat.apiserver.rest.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.ResourceKind;
import java.util.List;

/**
 * The query and path parameters of the operations, grouped by the kind of request they belong to. Each call
 * returns fresh nodes: a document is a tree, not a graph, and Jackson would otherwise share the same node.
 */
final class Parameters {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Parameters() {
    }

    /** Parameters of a list or watch of a collection. */
    static List<ObjectNode> list() {
        return List.of(
                query("allowWatchBookmarks", "boolean", "Ask a watch to send BOOKMARK events carrying the latest "
                        + "resourceVersion."),
                query("continue", "string", "The token from the previous page of a paginated list."),
                query("fieldSelector", "string", "Restrict the objects by fields, such as metadata.name=web."),
                query("labelSelector", "string", "Restrict the objects by labels, such as app=web,tier!=db."),
                query("limit", "integer", "The most objects to return; the list metadata then carries a continue "
                        + "token."),
                query("resourceVersion", "string", "The version to list or to start watching from."),
                query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or "
                        + "NotOlderThan."),
                query("sendInitialEvents", "boolean", "Start a watch with the current objects as ADDED events, ended "
                        + "by a bookmark."),
                query("timeoutSeconds", "integer", "End the list or watch after this many seconds."),
                query("watch", "boolean", "Stream changes (ADDED, MODIFIED, DELETED) instead of returning a list."));
    }

    /** Parameters of a create or replace. */
    static List<ObjectNode> write() {
        return List.of(dryRun(), fieldManager(), fieldValidation());
    }

    /** Parameters of a patch: those of a write, plus {@code force} for server-side apply. */
    static List<ObjectNode> patch() {
        return List.of(dryRun(), fieldManager(), fieldValidation(),
                query("force", "boolean", "Server-side apply only: take ownership of fields other managers own."));
    }

    /** Parameters of a delete of one object. */
    static List<ObjectNode> delete() {
        return List.of(dryRun(), gracePeriodSeconds(), orphanDependents(), propagationPolicy());
    }

    /** Parameters of a delete of a whole (selected) collection. */
    static List<ObjectNode> deleteCollection() {
        return List.of(
                query("continue", "string", "The token from the previous page of a paginated list."),
                dryRun(),
                query("fieldSelector", "string", "Delete only the objects whose fields match."),
                gracePeriodSeconds(),
                query("labelSelector", "string", "Delete only the objects whose labels match."),
                query("limit", "integer", "The most objects to delete in this call."),
                orphanDependents(),
                propagationPolicy(),
                query("resourceVersion", "string", "The version of the collection to delete from."),
                query("resourceVersionMatch", "string", "How resourceVersion applies: Exact or NotOlderThan."),
                query("timeoutSeconds", "integer", "Give up after this many seconds."));
    }

    /** Parameters of a container log read. */
    static List<ObjectNode> log() {
        return List.of(
                query("container", "string", "The container to read; may be left out when the pod has one."),
                query("follow", "boolean", "Keep the stream open and send new lines as they are written."),
                query("insecureSkipTLSVerifyBackend", "boolean", "Do not verify the kubelet's certificate."),
                query("limitBytes", "integer", "Stop after this many bytes."),
                query("previous", "boolean", "Read the log of the previous, terminated instance of the container."),
                query("sinceSeconds", "integer", "Only lines written in the last this many seconds."),
                query("tailLines", "integer", "Only the last this many lines."),
                query("timestamps", "boolean", "Prefix every line with its RFC 3339 timestamp."));
    }

    static ObjectNode pretty() {
        return query("pretty", "string", "If true, the output is indented.");
    }

    static ObjectNode namespace() {
        return path("namespace", "The namespace of the objects.");
    }

    static ObjectNode name(ResourceKind<?> kind) {
        return path("name", "The name of the " + kind.kind() + ".");
    }

    private static ObjectNode dryRun() {
        return query("dryRun", "string", "If All, validate and process the request without persisting it.");
    }

    private static ObjectNode fieldManager() {
        return query("fieldManager", "string", "The name of the actor making the change, recorded in "
                + "managedFields.");
    }

    /** The parameter kubectl's validation check looks for: Ignore, Warn or Strict handling of unknown fields. */
    private static ObjectNode fieldValidation() {
        return query("fieldValidation", "string", "What to do with unknown or duplicate fields in the body: Ignore "
                + "them, Warn about them in Warning headers, or reject the request (Strict).");
    }

    private static ObjectNode gracePeriodSeconds() {
        return query("gracePeriodSeconds", "integer", "Seconds to wait before the object is deleted; 0 deletes "
                + "at once.");
    }

    private static ObjectNode orphanDependents() {
        return query("orphanDependents", "boolean", "Deprecated: use propagationPolicy=Orphan.");
    }

    private static ObjectNode propagationPolicy() {
        return query("propagationPolicy", "string", "What happens to dependents: Orphan, Background or "
                + "Foreground.");
    }

    private static ObjectNode query(String name, String type, String description) {
        ObjectNode parameter = JSON.objectNode();
        parameter.put("description", description);
        parameter.put("in", "query");
        parameter.put("name", name);
        parameter.putObject("schema").put("type", type);
        return parameter;
    }

    private static ObjectNode path(String name, String description) {
        ObjectNode parameter = JSON.objectNode();
        parameter.put("description", description);
        parameter.put("in", "path");
        parameter.put("name", name);
        parameter.put("required", true);
        parameter.putObject("schema").put("type", "string");
        return parameter;
    }
}
