package io.tugboat.api.batch;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Creates Jobs on a cron schedule.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 CronJob; absent fields are {@code null}.
 */
public record CronJob(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        CronJobSpec spec,
        CronJobStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "batch/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "CronJob";

    /** Creates a CronJob with {@code apiVersion} and {@code kind} filled in. */
    public static CronJob of(ObjectMeta metadata, CronJobSpec spec, CronJobStatus status) {
        return new CronJob(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public CronJob withApiVersion(String apiVersion) {
        return new CronJob(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public CronJob withKind(String kind) {
        return new CronJob(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public CronJob withMetadata(ObjectMeta metadata) {
        return new CronJob(apiVersion, kind, metadata, spec, status);
    }

    public CronJob withSpec(CronJobSpec spec) {
        return new CronJob(apiVersion, kind, metadata, spec, status);
    }

    public CronJob withStatus(CronJobStatus status) {
        return new CronJob(apiVersion, kind, metadata, spec, status);
    }
}
