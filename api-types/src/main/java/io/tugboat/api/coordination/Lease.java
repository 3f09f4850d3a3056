package io.tugboat.api.coordination;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * A lease held by one identity: node heartbeats and leader election.
 *
 * <p>Field names and shapes are those of Kubernetes coordination.k8s.io/v1 Lease; absent fields are {@code null}.
 */
public record Lease(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        LeaseSpec spec) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "coordination.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Lease";

    /** Creates a Lease with {@code apiVersion} and {@code kind} filled in. */
    public static Lease of(ObjectMeta metadata, LeaseSpec spec) {
        return new Lease(API_VERSION, KIND, metadata, spec);
    }

    @Override
    public Lease withApiVersion(String apiVersion) {
        return new Lease(apiVersion, kind, metadata, spec);
    }

    @Override
    public Lease withKind(String kind) {
        return new Lease(apiVersion, kind, metadata, spec);
    }

    @Override
    public Lease withMetadata(ObjectMeta metadata) {
        return new Lease(apiVersion, kind, metadata, spec);
    }

    public Lease withSpec(LeaseSpec spec) {
        return new Lease(apiVersion, kind, metadata, spec);
    }
}
