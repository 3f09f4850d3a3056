package io.tugboat.api.meta;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Options of a DELETE: grace period, preconditions and how dependents are handled (Orphan, Background, Foreground).
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 DeleteOptions; absent fields are {@code null}.
 */
public record DeleteOptions(
        String apiVersion,
        String kind,
        Long gracePeriodSeconds,
        Preconditions preconditions,
        Boolean orphanDependents,
        String propagationPolicy,
        List<String> dryRun) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public DeleteOptions {
        dryRun = Copies.list(dryRun);
    }
}
