package io.tugboat.api.apps;

import io.tugboat.api.IntOrString;

/**
 * How many nodes may be without (maxUnavailable) or with an extra (maxSurge) pod during an update.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 RollingUpdateDaemonSet; absent fields are {@code null}.
 */
public record RollingUpdateDaemonSet(
        IntOrString maxUnavailable,
        IntOrString maxSurge) {
}
