/**
 * CronJobs: Jobs on a schedule (Kubernetes' {@code pkg/controller/cronjob}). Two pieces:
 * {@link io.tugboat.api.batch.CronSchedule}, a pure parser and next-time function for cron syntax that validation
 * uses too, so the API server accepts exactly what runs (table-tested across month ends and daylight saving
 * changes), and
 * {@link io.tugboat.controllermanager.cronjob.CronJobController}, which asks it "what was the last time due?" and
 * creates that time's Job, named after the time so a repeated create is harmless.
 *
 * <p>The controller never sleeps until the next run: each reconcile ends with "requeue at the next schedule time",
 * and all time comes from an injected {@link java.time.Clock}, so tests run a year of schedules in milliseconds. See
 * docs/workloads.md, "CronJobs".
 */
package io.tugboat.controllermanager.cronjob;
