package io.tugboat.api.meta;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Names the object an error is about, and for Invalid lists every field problem as a cause.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 StatusDetails; absent fields are {@code null}.
 */
public record StatusDetails(
        String name,
        String group,
        String kind,
        String uid,
        List<StatusCause> causes,
        Integer retryAfterSeconds) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public StatusDetails {
        causes = Copies.list(causes);
    }
}
