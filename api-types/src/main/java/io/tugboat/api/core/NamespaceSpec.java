package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Finalizers that must be emptied before a namespace disappears.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NamespaceSpec; absent fields are {@code null}.
 */
public record NamespaceSpec(
        List<String> finalizers) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NamespaceSpec {
        finalizers = Copies.list(finalizers);
    }
}
