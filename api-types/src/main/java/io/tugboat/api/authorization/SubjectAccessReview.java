package io.tugboat.api.authorization;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Asks whether any user may do something (for callers allowed to create subjectaccessreviews). Create-only,
 * never stored.
 */
public record SubjectAccessReview(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        SubjectAccessReviewSpec spec,
        SubjectAccessReviewStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "authorization.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "SubjectAccessReview";

    /** Creates a SubjectAccessReview with {@code apiVersion} and {@code kind} filled in. */
    public static SubjectAccessReview of(ObjectMeta metadata, SubjectAccessReviewSpec spec, SubjectAccessReviewStatus status) {
        return new SubjectAccessReview(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public SubjectAccessReview withApiVersion(String apiVersion) {
        return new SubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public SubjectAccessReview withKind(String kind) {
        return new SubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public SubjectAccessReview withMetadata(ObjectMeta metadata) {
        return new SubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    public SubjectAccessReview withSpec(SubjectAccessReviewSpec spec) {
        return new SubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    public SubjectAccessReview withStatus(SubjectAccessReviewStatus status) {
        return new SubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }
}
