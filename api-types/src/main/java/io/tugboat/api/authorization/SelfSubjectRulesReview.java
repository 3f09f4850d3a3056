package io.tugboat.api.authorization;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Lists what the caller may do in a namespace. Create-only, never stored; what {@code kubectl auth can-i
 * --list} posts.
 */
public record SelfSubjectRulesReview(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        SelfSubjectRulesReviewSpec spec,
        SubjectRulesReviewStatus status) implements KubernetesObject {
    /** The {@code apiVersion} this kind is served under. */
    public static final String API_VERSION = "authorization.k8s.io/v1";
    /** The {@code kind} of this type. */
    public static final String KIND = "SelfSubjectRulesReview";

    /** Creates a SelfSubjectRulesReview with {@code apiVersion} and {@code kind} filled in. */
    public static SelfSubjectRulesReview of(ObjectMeta metadata, SelfSubjectRulesReviewSpec spec, SubjectRulesReviewStatus status) {
        return new SelfSubjectRulesReview(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public SelfSubjectRulesReview withApiVersion(String apiVersion) {
        return new SelfSubjectRulesReview(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public SelfSubjectRulesReview withKind(String kind) {
        return new SelfSubjectRulesReview(apiVersion, kind, metadata, spec, status);
    }

    @Override
    public SelfSubjectRulesReview withMetadata(ObjectMeta metadata) {
        return new SelfSubjectRulesReview(apiVersion, kind, metadata, spec, status);
    }

    public SelfSubjectRulesReview withSpec(SelfSubjectRulesReviewSpec spec) {
        return new SelfSubjectRulesReview(apiVersion, kind, metadata, spec, status);
    }

    public SelfSubjectRulesReview withStatus(SubjectRulesReviewStatus status) {
        return new SelfSubjectRulesReview(apiVersion, kind, metadata, spec, status);
    }
}
