package io.tugboat.api.meta;


/**
 * A delete or update happens only if the object still has this uid and/or resourceVersion.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 Preconditions; absent fields are {@code null}.
 */
public record Preconditions(
        String uid,
        String resourceVersion) {
}
