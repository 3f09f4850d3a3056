package io.tugboat.api.core;


/**
 * Maps one key to a relative file path.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 KeyToPath; absent fields are {@code null}.
 */
public record KeyToPath(
        String key,
        String path,
        Integer mode) {
}
