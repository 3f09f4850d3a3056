package io.tugboat.api.apps;

import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.LabelSelector;

/**
 * Replicas, selector, pod template and rollout strategy of a Deployment.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DeploymentSpec; absent fields are {@code null}.
 */
public record DeploymentSpec(
        Integer replicas,
        LabelSelector selector,
        PodTemplateSpec template,
        DeploymentStrategy strategy,
        Integer minReadySeconds,
        Integer revisionHistoryLimit,
        Boolean paused,
        Integer progressDeadlineSeconds) {
    public DeploymentSpec withReplicas(Integer replicas) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withSelector(LabelSelector selector) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withTemplate(PodTemplateSpec template) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withStrategy(DeploymentStrategy strategy) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withMinReadySeconds(Integer minReadySeconds) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withRevisionHistoryLimit(Integer revisionHistoryLimit) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withPaused(Boolean paused) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withProgressDeadlineSeconds(Integer progressDeadlineSeconds) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds);
    }
}
