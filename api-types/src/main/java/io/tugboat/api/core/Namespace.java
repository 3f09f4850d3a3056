package io.tugboat.api.core;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * A scope for names; deleting it deletes everything in it.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Namespace; absent fields are {@code null}.
 */
public record Namespace(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        NamespaceSpec spec,
        NamespaceStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Namespace";

    /** Creates a Namespace with {@code apiVersion} and {@code kind} filled in. */
    public static Namespace of(ObjectMeta metadata, NamespaceSpec spec, NamespaceStatus status) {
        return new Namespace(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Namespace withApiVersion(String apiVersion) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Namespace withKind(String kind) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Namespace withMetadata(ObjectMeta metadata) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    public Namespace withSpec(NamespaceSpec spec) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    public Namespace withStatus(NamespaceStatus status) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }
}
