package io.tugboat.api.core;


/**
 * A header sent with an HTTP probe.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 HTTPHeader; absent fields are {@code null}.
 */
public record HTTPHeader(
        String name,
        String value) {
}
