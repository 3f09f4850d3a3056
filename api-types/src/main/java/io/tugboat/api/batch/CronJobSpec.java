package io.tugboat.api.batch;


/**
 * Schedule, concurrency policy, history limits and the Job template.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 CronJobSpec; absent fields are {@code null}.
 */
public record CronJobSpec(
        String schedule,
        String timeZone,
        Long startingDeadlineSeconds,
        String concurrencyPolicy,
        Boolean suspend,
        JobTemplateSpec jobTemplate,
        Integer successfulJobsHistoryLimit,
        Integer failedJobsHistoryLimit) {
    public CronJobSpec withSchedule(String schedule) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }

    public CronJobSpec withTimeZone(String timeZone) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }

    public CronJobSpec withStartingDeadlineSeconds(Long startingDeadlineSeconds) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }

    public CronJobSpec withConcurrencyPolicy(String concurrencyPolicy) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }

    public CronJobSpec withSuspend(Boolean suspend) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }

    public CronJobSpec withJobTemplate(JobTemplateSpec jobTemplate) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }

    public CronJobSpec withSuccessfulJobsHistoryLimit(Integer successfulJobsHistoryLimit) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }

    public CronJobSpec withFailedJobsHistoryLimit(Integer failedJobsHistoryLimit) {
        return new CronJobSpec(schedule, timeZone, startingDeadlineSeconds, concurrencyPolicy, suspend, jobTemplate, successfulJobsHistoryLimit, failedJobsHistoryLimit);
    }
}
