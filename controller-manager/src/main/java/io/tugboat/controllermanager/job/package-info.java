/**
 * Jobs: run pods to completion (Kubernetes' {@code pkg/controller/job} and {@code pkg/controller/ttlafterfinished}).
 * Start with {@link io.tugboat.controllermanager.job.JobController}.
 *
 * <p>A ReplicaSet keeps pods running; a Job wants them to <em>finish</em>, successfully, a number of times. That
 * changes what the controller must get right:
 * <ul>
 *   <li><b>Results live in pods</b> until counted. The {@code batch.kubernetes.io/job-tracking} finalizer keeps a
 *       finished pod in the API until its result is in the Job's status; {@code status.uncountedTerminatedPods}
 *       is the write-ahead log between "pod finished" and "counter incremented".</li>
 *   <li><b>Failures cost time</b>: each failed pod is replaced after an exponential delay
 *       ({@link io.tugboat.controllermanager.job.JobBackoff}), and more than {@code backoffLimit} failures fail the
 *       Job. {@code activeDeadlineSeconds} bounds the whole run.</li>
 *   <li><b>Finishing is final</b>: {@code Complete} or {@code Failed}
 *       ({@link io.tugboat.controllermanager.job.JobConditions}); a finished Job is then only cleaned up, by
 *       {@link io.tugboat.controllermanager.job.TtlAfterFinishedController} if it has a TTL.</li>
 * </ul>
 * The CronJob controller ({@code io.tugboat.controllermanager.cronjob}) creates Jobs on a schedule. See
 * docs/workloads.md, "Jobs".
 */
package io.tugboat.controllermanager.job;
