package io.tugboat.api.core;


/**
 * The component (and host) that reported an event.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 EventSource; absent fields are {@code null}.
 */
public record EventSource(
        String component,
        String host) {
}
