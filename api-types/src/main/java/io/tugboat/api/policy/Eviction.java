package io.tugboat.api.policy;

import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Posted to {@code pods/{name}/eviction} to delete a pod the polite way: as a DELETE with
 * {@link #deleteOptions()}, but one the API server may refuse (429 TooManyRequests) when the pod's
 * disruption budget would be violated. {@code kubectl drain} evicts rather than deletes for that reason.
 *
 * <p>Field names and shapes are those of Kubernetes policy/v1 Eviction; absent fields are {@code null}.
 * {@code metadata.name} must be the pod's name.
 */
public record Eviction(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        DeleteOptions deleteOptions) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "policy/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Eviction";

    /** Creates an Eviction with {@code apiVersion} and {@code kind} filled in. */
    public static Eviction of(ObjectMeta metadata, DeleteOptions deleteOptions) {
        return new Eviction(API_VERSION, KIND, metadata, deleteOptions);
    }

    @Override
    public Eviction withApiVersion(String apiVersion) {
        return new Eviction(apiVersion, kind, metadata, deleteOptions);
    }

    @Override
    public Eviction withKind(String kind) {
        return new Eviction(apiVersion, kind, metadata, deleteOptions);
    }

    @Override
    public Eviction withMetadata(ObjectMeta metadata) {
        return new Eviction(apiVersion, kind, metadata, deleteOptions);
    }

    public Eviction withDeleteOptions(DeleteOptions deleteOptions) {
        return new Eviction(apiVersion, kind, metadata, deleteOptions);
    }
}
