package io.tugboat.api.batch;

import io.tugboat.api.meta.ObjectMeta;

/**
 * The Job a CronJob creates.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 JobTemplateSpec; absent fields are {@code null}.
 */
public record JobTemplateSpec(
        ObjectMeta metadata,
        JobSpec spec) {
}
