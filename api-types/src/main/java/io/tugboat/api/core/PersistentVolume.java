package io.tugboat.api.core;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * A piece of storage in the cluster, bound to at most one claim.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PersistentVolume; absent fields are {@code null}.
 */
public record PersistentVolume(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        PersistentVolumeSpec spec,
        PersistentVolumeStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "PersistentVolume";

    /** Creates a PersistentVolume with {@code apiVersion} and {@code kind} filled in. */
    public static PersistentVolume of(ObjectMeta metadata, PersistentVolumeSpec spec, PersistentVolumeStatus status) {
        return new PersistentVolume(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public PersistentVolume withApiVersion(String apiVersion) {
        return new PersistentVolume(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public PersistentVolume withKind(String kind) {
        return new PersistentVolume(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public PersistentVolume withMetadata(ObjectMeta metadata) {
        return new PersistentVolume(apiVersion, kind, metadata, spec, status);
    }

    public PersistentVolume withSpec(PersistentVolumeSpec spec) {
        return new PersistentVolume(apiVersion, kind, metadata, spec, status);
    }

    public PersistentVolume withStatus(PersistentVolumeStatus status) {
        return new PersistentVolume(apiVersion, kind, metadata, spec, status);
    }
}
