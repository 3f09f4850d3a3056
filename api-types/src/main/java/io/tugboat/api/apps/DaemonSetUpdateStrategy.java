package io.tugboat.api.apps;


/**
 * RollingUpdate (default) or OnDelete.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DaemonSetUpdateStrategy; absent fields are {@code null}.
 */
public record DaemonSetUpdateStrategy(
        String type,
        RollingUpdateDaemonSet rollingUpdate) {
}
