package io.tugboat.api.core;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Posted to pods/{name}/binding by the scheduler to assign a pod to a node (target is the Node).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Binding; absent fields are {@code null}.
 */
public record Binding(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ObjectReference target) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Binding";

    /** Creates a Binding with {@code apiVersion} and {@code kind} filled in. */
    public static Binding of(ObjectMeta metadata, ObjectReference target) {
        return new Binding(API_VERSION, KIND, metadata, target);
    }

    @Override
    public Binding withApiVersion(String apiVersion) {
        return new Binding(apiVersion, kind, metadata, target);
    }

    @Override
    public Binding withKind(String kind) {
        return new Binding(apiVersion, kind, metadata, target);
    }

    @Override
    public Binding withMetadata(ObjectMeta metadata) {
        return new Binding(apiVersion, kind, metadata, target);
    }

    public Binding withTarget(ObjectReference target) {
        return new Binding(apiVersion, kind, metadata, target);
    }
}
