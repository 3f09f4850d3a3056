package io.tugboat.api.core;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * A machine running a kubelet: its capacity, conditions and addresses.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Node; absent fields are {@code null}.
 */
public record Node(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        NodeSpec spec,
        NodeStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Node";

    /** Creates a Node with {@code apiVersion} and {@code kind} filled in. */
    public static Node of(ObjectMeta metadata, NodeSpec spec, NodeStatus status) {
        return new Node(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Node withApiVersion(String apiVersion) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Node withKind(String kind) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Node withMetadata(ObjectMeta metadata) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    public Node withSpec(NodeSpec spec) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    public Node withStatus(NodeStatus status) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }
}
