package io.tugboat.api.meta;


/**
 * Just the apiVersion and kind of an object, decoded first to decide which type the rest is.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 TypeMeta; absent fields are {@code null}.
 */
public record TypeMeta(
        String apiVersion,
        String kind) {
}
