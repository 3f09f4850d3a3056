package io.tugboat.api.authorization;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Asks whether the caller may do something. Create-only, never stored: the response carries the answer in
 * status. What {@code kubectl auth can-i} posts.
 */
public record SelfSubjectAccessReview(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        SelfSubjectAccessReviewSpec spec,
        SubjectAccessReviewStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "authorization.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "SelfSubjectAccessReview";

    /** Creates a SelfSubjectAccessReview with {@code apiVersion} and {@code kind} filled in. */
    public static SelfSubjectAccessReview of(ObjectMeta metadata, SelfSubjectAccessReviewSpec spec, SubjectAccessReviewStatus status) {
        return new SelfSubjectAccessReview(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public SelfSubjectAccessReview withApiVersion(String apiVersion) {
        return new SelfSubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public SelfSubjectAccessReview withKind(String kind) {
        return new SelfSubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public SelfSubjectAccessReview withMetadata(ObjectMeta metadata) {
        return new SelfSubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    public SelfSubjectAccessReview withSpec(SelfSubjectAccessReviewSpec spec) {
        return new SelfSubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }

    public SelfSubjectAccessReview withStatus(SubjectAccessReviewStatus status) {
        return new SelfSubjectAccessReview(apiVersion, kind, metadata, spec, status);
    }
}
