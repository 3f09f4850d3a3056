package io.tugboat.api.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A port (note the capitalised JSON name {@code Port}, as in Kubernetes).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 DaemonEndpoint; absent fields are {@code null}.
 */
public record DaemonEndpoint(
        @JsonProperty("Port") Integer port) {
}
