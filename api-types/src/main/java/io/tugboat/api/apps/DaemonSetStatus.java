package io.tugboat.api.apps;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Observed scheduling of a DaemonSet across nodes.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 DaemonSetStatus; absent fields are {@code null}.
 */
public record DaemonSetStatus(
        Integer currentNumberScheduled,
        Integer numberMisscheduled,
        Integer desiredNumberScheduled,
        Integer numberReady,
        Long observedGeneration,
        Integer updatedNumberScheduled,
        Integer numberAvailable,
        Integer numberUnavailable,
        Integer collisionCount,
        List<DaemonSetCondition> conditions) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public DaemonSetStatus {
        conditions = Copies.list(conditions);
    }

    public DaemonSetStatus withCurrentNumberScheduled(Integer currentNumberScheduled) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withNumberMisscheduled(Integer numberMisscheduled) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withDesiredNumberScheduled(Integer desiredNumberScheduled) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withNumberReady(Integer numberReady) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withObservedGeneration(Long observedGeneration) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withUpdatedNumberScheduled(Integer updatedNumberScheduled) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withNumberAvailable(Integer numberAvailable) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withNumberUnavailable(Integer numberUnavailable) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withCollisionCount(Integer collisionCount) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }

    public DaemonSetStatus withConditions(List<DaemonSetCondition> conditions) {
        return new DaemonSetStatus(currentNumberScheduled, numberMisscheduled, desiredNumberScheduled, numberReady, observedGeneration, updatedNumberScheduled, numberAvailable, numberUnavailable, collisionCount, conditions);
    }
}
