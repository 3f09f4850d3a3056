package io.tugboat.api.apps;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Pods with stable names and storage, created and updated in order.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 StatefulSet; absent fields are {@code null}.
 */
public record StatefulSet(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        StatefulSetSpec spec,
        StatefulSetStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "apps/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "StatefulSet";

    /** Creates a StatefulSet with {@code apiVersion} and {@code kind} filled in. */
    public static StatefulSet of(ObjectMeta metadata, StatefulSetSpec spec, StatefulSetStatus status) {
        return new StatefulSet(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public StatefulSet withApiVersion(String apiVersion) {
        return new StatefulSet(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public StatefulSet withKind(String kind) {
        return new StatefulSet(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public StatefulSet withMetadata(ObjectMeta metadata) {
        return new StatefulSet(apiVersion, kind, metadata, spec, status);
    }

    public StatefulSet withSpec(StatefulSetSpec spec) {
        return new StatefulSet(apiVersion, kind, metadata, spec, status);
    }

    public StatefulSet withStatus(StatefulSetStatus status) {
        return new StatefulSet(apiVersion, kind, metadata, spec, status);
    }
}
