package io.tugboat.api.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * An immutable snapshot of a StatefulSet's or DaemonSet's template, for rollbacks.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 ControllerRevision; absent fields are {@code null}.
 */
public record ControllerRevision(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        JsonNode data,
        Long revision) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "apps/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "ControllerRevision";

    /** Creates a ControllerRevision with {@code apiVersion} and {@code kind} filled in. */
    public static ControllerRevision of(ObjectMeta metadata, JsonNode data, Long revision) {
        return new ControllerRevision(API_VERSION, KIND, metadata, data, revision);
    }

    @Override
    public ControllerRevision withApiVersion(String apiVersion) {
        return new ControllerRevision(apiVersion, kind, metadata, data, revision);
    }

    @Override
    public ControllerRevision withKind(String kind) {
        return new ControllerRevision(apiVersion, kind, metadata, data, revision);
    }

    @Override
    public ControllerRevision withMetadata(ObjectMeta metadata) {
        return new ControllerRevision(apiVersion, kind, metadata, data, revision);
    }

    public ControllerRevision withData(JsonNode data) {
        return new ControllerRevision(apiVersion, kind, metadata, data, revision);
    }

    public ControllerRevision withRevision(Long revision) {
        return new ControllerRevision(apiVersion, kind, metadata, data, revision);
    }
}
