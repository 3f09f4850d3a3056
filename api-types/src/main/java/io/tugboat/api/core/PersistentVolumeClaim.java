package io.tugboat.api.core;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * A request for storage, bound by the volume controller to a matching PersistentVolume.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 PersistentVolumeClaim; absent fields are {@code null}.
 */
public record PersistentVolumeClaim(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        PersistentVolumeClaimSpec spec,
        PersistentVolumeClaimStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "PersistentVolumeClaim";

    /** Creates a PersistentVolumeClaim with {@code apiVersion} and {@code kind} filled in. */
    public static PersistentVolumeClaim of(ObjectMeta metadata, PersistentVolumeClaimSpec spec, PersistentVolumeClaimStatus status) {
        return new PersistentVolumeClaim(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public PersistentVolumeClaim withApiVersion(String apiVersion) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public PersistentVolumeClaim withKind(String kind) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public PersistentVolumeClaim withMetadata(ObjectMeta metadata) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, status);
    }

    public PersistentVolumeClaim withSpec(PersistentVolumeClaimSpec spec) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, status);
    }

    public PersistentVolumeClaim withStatus(PersistentVolumeClaimStatus status) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, status);
    }
}
