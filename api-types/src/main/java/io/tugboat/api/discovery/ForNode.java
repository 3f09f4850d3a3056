package io.tugboat.api.discovery;

/** A node an endpoint is hinted for (discovery.k8s.io/v1 ForNode). */
public record ForNode(String name) {
}
