package io.tugboat.api.core;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * The smallest deployable unit: one or more containers sharing a network namespace, scheduled onto one node.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Pod; absent fields are {@code null}.
 */
public record Pod(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        PodSpec spec,
        PodStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Pod";

    /** Creates a Pod with {@code apiVersion} and {@code kind} filled in. */
    public static Pod of(ObjectMeta metadata, PodSpec spec, PodStatus status) {
        return new Pod(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Pod withApiVersion(String apiVersion) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Pod withKind(String kind) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Pod withMetadata(ObjectMeta metadata) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    public Pod withSpec(PodSpec spec) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    public Pod withStatus(PodStatus status) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }
}
