package io.tugboat.api.discovery;

/**
 * An endpoint's state. {@code ready}: send it new traffic (false while terminating, unless the Service publishes
 * not-ready addresses); {@code serving}: its pod is Ready, terminating or not; {@code terminating}: its pod is
 * being deleted.
 *
 * <p>Field names and shapes are those of Kubernetes discovery.k8s.io/v1 EndpointConditions; absent fields are
 * {@code null} (which consumers read as "unknown", i.e. ready).
 */
public record EndpointConditions(
        Boolean ready,
        Boolean serving,
        Boolean terminating) {
}
