package io.tugboat.api.apps;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * One pod on every (selected) node.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DaemonSet; absent fields are {@code null}.
 */
public record DaemonSet(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        DaemonSetSpec spec,
        DaemonSetStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "apps/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "DaemonSet";

    /** Creates a DaemonSet with {@code apiVersion} and {@code kind} filled in. */
    public static DaemonSet of(ObjectMeta metadata, DaemonSetSpec spec, DaemonSetStatus status) {
        return new DaemonSet(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public DaemonSet withApiVersion(String apiVersion) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public DaemonSet withKind(String kind) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public DaemonSet withMetadata(ObjectMeta metadata) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }

    public DaemonSet withSpec(DaemonSetSpec spec) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }

    public DaemonSet withStatus(DaemonSetStatus status) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }
}
