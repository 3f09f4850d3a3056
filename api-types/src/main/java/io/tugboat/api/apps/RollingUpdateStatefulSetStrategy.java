package io.tugboat.api.apps;

import io.tugboat.api.IntOrString;

/**
 * Only pods with an ordinal at or above partition are updated.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 RollingUpdateStatefulSetStrategy; absent fields are {@code null}.
 */
public record RollingUpdateStatefulSetStrategy(
        Integer partition,
        IntOrString maxUnavailable) {
}
