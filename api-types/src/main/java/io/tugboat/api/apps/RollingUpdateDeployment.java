package io.tugboat.api.apps;

import io.tugboat.api.IntOrString;

/**
 * How far a rolling update may go above (maxSurge) and below (maxUnavailable) the desired replicas.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 RollingUpdateDeployment; absent fields are {@code null}.
 */
public record RollingUpdateDeployment(
        IntOrString maxUnavailable,
        IntOrString maxSurge) {
}
