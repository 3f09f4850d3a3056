package io.tugboat.api.batch;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Runs pods until a number of them complete successfully.
 *
 * <p>Field names and shapes are those of Kubernetes batch/v1 Job; absent fields are {@code null}.
 */
public record Job(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        JobSpec spec,
        JobStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "batch/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "Job";

    /** Creates a Job with {@code apiVersion} and {@code kind} filled in. */
    public static Job of(ObjectMeta metadata, JobSpec spec, JobStatus status) {
        return new Job(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Job withApiVersion(String apiVersion) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Job withKind(String kind) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public Job withMetadata(ObjectMeta metadata) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }

    public Job withSpec(JobSpec spec) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }

    public Job withStatus(JobStatus status) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }
}
