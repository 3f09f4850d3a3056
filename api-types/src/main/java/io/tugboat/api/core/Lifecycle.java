package io.tugboat.api.core;


/**
 * Hooks run after a container starts and before it is stopped.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Lifecycle; absent fields are {@code null}.
 */
public record Lifecycle(
        LifecycleHandler postStart,
        LifecycleHandler preStop) {
}
