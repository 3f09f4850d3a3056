package io.tugboat.api.batch;

import io.tugboat.api.Copies;
import io.tugboat.api.core.ObjectReference;
import java.time.Instant;
import java.util.List;

/**
 * Running jobs and the last schedule times.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 CronJobStatus; absent fields are {@code null}.
 */
public record CronJobStatus(
        List<ObjectReference> active,
        Instant lastScheduleTime,
        Instant lastSuccessfulTime) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public CronJobStatus {
        active = Copies.list(active);
    }
}
