package io.tugboat.api.core;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * A stable virtual IP and DNS name in front of the pods its selector matches.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Service; absent fields are {@code null}.
 */
public record Service(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ServiceSpec spec,
        ServiceStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Service";

    /** Creates a Service with {@code apiVersion} and {@code kind} filled in. */
    public static Service of(ObjectMeta metadata, ServiceSpec spec, ServiceStatus status) {
        return new Service(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Service withApiVersion(String apiVersion) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Service withKind(String kind) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Service withMetadata(ObjectMeta metadata) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    public Service withSpec(ServiceSpec spec) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    public Service withStatus(ServiceStatus status) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }
}
