package io.tugboat.api.authorization;

import io.tugboat.api.Copies;
import java.util.List;
import java.util.Map;

/**
 * The question, and whom it is about.
 */
public record SubjectAccessReviewSpec(
        ResourceAttributes resourceAttributes,
        NonResourceAttributes nonResourceAttributes,
        String user,
        List<String> groups,
        Map<String, List<String>> extra,
        String uid) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public SubjectAccessReviewSpec {
        groups = Copies.list(groups);
        extra = Copies.map(extra);
    }

    public SubjectAccessReviewSpec withResourceAttributes(ResourceAttributes resourceAttributes) {
        return new SubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes, user, groups, extra, uid);
    }

    public SubjectAccessReviewSpec withNonResourceAttributes(NonResourceAttributes nonResourceAttributes) {
        return new SubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes, user, groups, extra, uid);
    }

    public SubjectAccessReviewSpec withUser(String user) {
        return new SubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes, user, groups, extra, uid);
    }

    public SubjectAccessReviewSpec withGroups(List<String> groups) {
        return new SubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes, user, groups, extra, uid);
    }

    public SubjectAccessReviewSpec withExtra(Map<String, List<String>> extra) {
        return new SubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes, user, groups, extra, uid);
    }

    public SubjectAccessReviewSpec withUid(String uid) {
        return new SubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes, user, groups, extra, uid);
    }
}
