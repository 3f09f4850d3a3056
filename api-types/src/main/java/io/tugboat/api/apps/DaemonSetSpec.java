package io.tugboat.api.apps;

import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.LabelSelector;

/**
 * Selector, template and update strategy of a DaemonSet.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DaemonSetSpec; absent fields are {@code null}.
 */
public record DaemonSetSpec(
        LabelSelector selector,
        PodTemplateSpec template,
        DaemonSetUpdateStrategy updateStrategy,
        Integer minReadySeconds,
        Integer revisionHistoryLimit) {
    public DaemonSetSpec withSelector(LabelSelector selector) {
        return new DaemonSetSpec(selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit);
    }

    public DaemonSetSpec withTemplate(PodTemplateSpec template) {
        return new DaemonSetSpec(selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit);
    }

    public DaemonSetSpec withUpdateStrategy(DaemonSetUpdateStrategy updateStrategy) {
        return new DaemonSetSpec(selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit);
    }

    public DaemonSetSpec withMinReadySeconds(Integer minReadySeconds) {
        return new DaemonSetSpec(selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit);
    }

    public DaemonSetSpec withRevisionHistoryLimit(Integer revisionHistoryLimit) {
        return new DaemonSetSpec(selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit);
    }
}
