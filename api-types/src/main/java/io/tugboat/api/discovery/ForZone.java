package io.tugboat.api.discovery;

/** A zone an endpoint is hinted for (discovery.k8s.io/v1 ForZone). */
public record ForZone(String name) {
}
