package io.tugboat.api.batch;

import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.LabelSelector;

/**
 * Completions, parallelism, retries and deadlines of a Job.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 JobSpec; absent fields are {@code null}.
 */
public record JobSpec(
        Integer parallelism,
        Integer completions,
        Long activeDeadlineSeconds,
        Integer backoffLimit,
        LabelSelector selector,
        Boolean manualSelector,
        PodTemplateSpec template,
        Integer ttlSecondsAfterFinished,
        String completionMode,
        Boolean suspend) {
    public JobSpec withParallelism(Integer parallelism) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withCompletions(Integer completions) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withBackoffLimit(Integer backoffLimit) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withSelector(LabelSelector selector) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withManualSelector(Boolean manualSelector) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withTemplate(PodTemplateSpec template) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withCompletionMode(String completionMode) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withSuspend(Boolean suspend) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector, template, ttlSecondsAfterFinished, completionMode, suspend);
    }
}
