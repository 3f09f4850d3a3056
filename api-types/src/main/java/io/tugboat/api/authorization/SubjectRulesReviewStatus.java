package io.tugboat.api.authorization;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Everything the caller may do in a namespace, as far as RBAC tells.
 */
public record SubjectRulesReviewStatus(
        List<ResourceRule> resourceRules,
        List<NonResourceRule> nonResourceRules,
        Boolean incomplete,
        String evaluationError) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public SubjectRulesReviewStatus {
        resourceRules = Copies.list(resourceRules);
        nonResourceRules = Copies.list(nonResourceRules);
    }

    public SubjectRulesReviewStatus withResourceRules(List<ResourceRule> resourceRules) {
        return new SubjectRulesReviewStatus(resourceRules, nonResourceRules, incomplete, evaluationError);
    }

    public SubjectRulesReviewStatus withNonResourceRules(List<NonResourceRule> nonResourceRules) {
        return new SubjectRulesReviewStatus(resourceRules, nonResourceRules, incomplete, evaluationError);
    }

    public SubjectRulesReviewStatus withIncomplete(Boolean incomplete) {
        return new SubjectRulesReviewStatus(resourceRules, nonResourceRules, incomplete, evaluationError);
    }

    public SubjectRulesReviewStatus withEvaluationError(String evaluationError) {
        return new SubjectRulesReviewStatus(resourceRules, nonResourceRules, incomplete, evaluationError);
    }
}
