package io.tugboat.api.authorization;


/**
 * The answer: allowed, or explicitly denied, and why.
 */
public record SubjectAccessReviewStatus(
        Boolean allowed,
        Boolean denied,
        String reason,
        String evaluationError) {
    public SubjectAccessReviewStatus withAllowed(Boolean allowed) {
        return new SubjectAccessReviewStatus(allowed, denied, reason, evaluationError);
    }

    public SubjectAccessReviewStatus withDenied(Boolean denied) {
        return new SubjectAccessReviewStatus(allowed, denied, reason, evaluationError);
    }

    public SubjectAccessReviewStatus withReason(String reason) {
        return new SubjectAccessReviewStatus(allowed, denied, reason, evaluationError);
    }

    public SubjectAccessReviewStatus withEvaluationError(String evaluationError) {
        return new SubjectAccessReviewStatus(allowed, denied, reason, evaluationError);
    }
}
