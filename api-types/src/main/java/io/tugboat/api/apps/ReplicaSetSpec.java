package io.tugboat.api.apps;

import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.LabelSelector;

/**
 * Replicas, selector and pod template.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 ReplicaSetSpec; absent fields are {@code null}.
 */
public record ReplicaSetSpec(
        Integer replicas,
        Integer minReadySeconds,
        LabelSelector selector,
        PodTemplateSpec template) {
    public ReplicaSetSpec withReplicas(Integer replicas) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template);
    }

    public ReplicaSetSpec withMinReadySeconds(Integer minReadySeconds) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template);
    }

    public ReplicaSetSpec withSelector(LabelSelector selector) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template);
    }

    public ReplicaSetSpec withTemplate(PodTemplateSpec template) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template);
    }
}
