package io.tugboat.api.batch;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Finished pods (by uid) whose result is not yet in the counters; part of job tracking with finalizers.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 UncountedTerminatedPods; absent fields are {@code null}.
 */
public record UncountedTerminatedPods(
        List<String> succeeded,
        List<String> failed) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public UncountedTerminatedPods {
        succeeded = Copies.list(succeeded);
        failed = Copies.list(failed);
    }
}
