package io.tugboat.api.apps;


/**
 * RollingUpdate (default) or Recreate.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DeploymentStrategy; absent fields are {@code null}.
 */
public record DeploymentStrategy(
        String type,
        RollingUpdateDeployment rollingUpdate) {
}
