package io.tugboat.api.apps;


/**
 * RollingUpdate (default) or OnDelete.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 StatefulSetUpdateStrategy; absent fields are {@code null}.
 */
public record StatefulSetUpdateStrategy(
        String type,
        RollingUpdateStatefulSetStrategy rollingUpdate) {
}
