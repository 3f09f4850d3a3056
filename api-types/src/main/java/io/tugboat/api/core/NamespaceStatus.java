package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Active or Terminating.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 NamespaceStatus; absent fields are {@code null}.
 */
public record NamespaceStatus(
        String phase,
        List<NamespaceCondition> conditions) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NamespaceStatus {
        conditions = Copies.list(conditions);
    }
}
