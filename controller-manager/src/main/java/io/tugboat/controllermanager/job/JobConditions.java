package io.tugboat.controllermanager.job;

import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobCondition;
import java.time.Instant;
import java.util.List;

/**
 * A Job's conditions. {@code Complete} and {@code Failed} are final: once either is True the Job never runs a pod
 * again. {@code Suspended} is True while {@code spec.suspend} holds, and turns False (reason {@code JobResumed})
 * when it is lifted; a Job never suspended has no such condition.
 */
public final class JobConditions {
    private JobConditions() {
    }

    /** Complete or Failed is True: the Job is done for good. */
    public static boolean finished(Job job) {
        return has(job, "Complete") || has(job, "Failed");
    }

    /** Whether condition {@code type} is True on {@code job}. */
    public static boolean has(Job job, String type) {
        return finishedAt(job, type) != null;
    }

    /** When condition {@code type} became True, or {@code null} if it is not True. */
    public static Instant finishedAt(Job job, String type) {
        if (job.status() == null || job.status().conditions() == null) {
            return null;
        }
        for (JobCondition c : job.status().conditions()) {
            if (type.equals(c.type()) && "True".equals(c.status())) {
                return c.lastTransitionTime() != null ? c.lastTransitionTime() : Instant.EPOCH;
            }
        }
        return null;
    }

    static JobCondition complete(Instant now) {
        return new JobCondition("Complete", "True", now, now, null, null);
    }

    static JobCondition failed(String reason, String message, Instant now) {
        return new JobCondition("Failed", "True", now, now, reason, message);
    }

    /**
     * Sets condition {@code type} in {@code conditions} to {@code status}; returns whether it changed. A False
     * condition is only written over an existing one (Kubernetes adds {@code Suspended=False} only on resume).
     */
    static boolean set(List<JobCondition> conditions, String type, String status, String reason, String message,
                       Instant now) {
        for (int i = 0; i < conditions.size(); i++) {
            JobCondition c = conditions.get(i);
            if (type.equals(c.type())) {
                if (status.equals(c.status())) {
                    return false;
                }
                conditions.set(i, new JobCondition(type, status, now, now, reason, message));
                return true;
            }
        }
        if (!"True".equals(status)) {
            return false;
        }
        conditions.add(new JobCondition(type, status, now, now, reason, message));
        return true;
    }
}
