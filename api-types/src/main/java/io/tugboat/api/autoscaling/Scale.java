package io.tugboat.api.autoscaling;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * The scale subresource of deployments, replicasets and statefulsets (autoscaling/v1).
 *
 * <p>Field names and shapes are those of Kubernetes autoscaling/v1 Scale; absent fields are {@code null}.
 */
public record Scale(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ScaleSpec spec,
        ScaleStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "autoscaling/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Scale";

    /** Creates a Scale with {@code apiVersion} and {@code kind} filled in. */
    public static Scale of(ObjectMeta metadata, ScaleSpec spec, ScaleStatus status) {
        return new Scale(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Scale withApiVersion(String apiVersion) {
        return new Scale(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Scale withKind(String kind) {
        return new Scale(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Scale withMetadata(ObjectMeta metadata) {
        return new Scale(apiVersion, kind, metadata, spec, status);
    }

    public Scale withSpec(ScaleSpec spec) {
        return new Scale(apiVersion, kind, metadata, spec, status);
    }

    public Scale withStatus(ScaleStatus status) {
        return new Scale(apiVersion, kind, metadata, spec, status);
    }
}
