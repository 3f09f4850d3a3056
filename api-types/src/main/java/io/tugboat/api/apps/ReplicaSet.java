package io.tugboat.api.apps;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Keeps a stable number of identical pods running.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 ReplicaSet; absent fields are {@code null}.
 */
public record ReplicaSet(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ReplicaSetSpec spec,
        ReplicaSetStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "apps/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "ReplicaSet";

    /** Creates a ReplicaSet with {@code apiVersion} and {@code kind} filled in. */
    public static ReplicaSet of(ObjectMeta metadata, ReplicaSetSpec spec, ReplicaSetStatus status) {
        return new ReplicaSet(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public ReplicaSet withApiVersion(String apiVersion) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public ReplicaSet withKind(String kind) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public ReplicaSet withMetadata(ObjectMeta metadata) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }

    public ReplicaSet withSpec(ReplicaSetSpec spec) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }

    public ReplicaSet withStatus(ReplicaSetStatus status) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status);
    }
}
