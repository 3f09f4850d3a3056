package io.tugboat.api.batch;

import io.tugboat.api.Copies;
import java.time.Instant;
import java.util.List;

/**
 * Observed progress of a Job.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 JobStatus; absent fields are {@code null}.
 */
public record JobStatus(
        List<JobCondition> conditions,
        Instant startTime,
        Instant completionTime,
        Integer active,
        Integer succeeded,
        Integer failed,
        Integer ready,
        String completedIndexes,
        UncountedTerminatedPods uncountedTerminatedPods) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public JobStatus {
        conditions = Copies.list(conditions);
    }

    public JobStatus withConditions(List<JobCondition> conditions) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withStartTime(Instant startTime) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withCompletionTime(Instant completionTime) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withActive(Integer active) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withSucceeded(Integer succeeded) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withFailed(Integer failed) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withReady(Integer ready) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withCompletedIndexes(String completedIndexes) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }

    public JobStatus withUncountedTerminatedPods(UncountedTerminatedPods uncountedTerminatedPods) {
        return new JobStatus(conditions, startTime, completionTime, active, succeeded, failed, ready, completedIndexes, uncountedTerminatedPods);
    }
}
