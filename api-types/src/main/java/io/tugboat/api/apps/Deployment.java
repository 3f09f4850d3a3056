package io.tugboat.api.apps;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Declarative updates for pods through ReplicaSets: a rollout replaces the old ReplicaSet by a new one.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 Deployment; absent fields are {@code null}.
 */
public record Deployment(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        DeploymentSpec spec,
        DeploymentStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "apps/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Deployment";

    /** Creates a Deployment with {@code apiVersion} and {@code kind} filled in. */
    public static Deployment of(ObjectMeta metadata, DeploymentSpec spec, DeploymentStatus status) {
        return new Deployment(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Deployment withApiVersion(String apiVersion) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Deployment withKind(String kind) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Deployment withMetadata(ObjectMeta metadata) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    public Deployment withSpec(DeploymentSpec spec) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    public Deployment withStatus(DeploymentStatus status) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }
}
