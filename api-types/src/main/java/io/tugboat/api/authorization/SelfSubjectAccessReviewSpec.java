package io.tugboat.api.authorization;


/**
 * Exactly one of resourceAttributes and nonResourceAttributes is set.
 */
public record SelfSubjectAccessReviewSpec(
        ResourceAttributes resourceAttributes,
        NonResourceAttributes nonResourceAttributes) {
    public SelfSubjectAccessReviewSpec withResourceAttributes(ResourceAttributes resourceAttributes) {
        return new SelfSubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes);
    }

    public SelfSubjectAccessReviewSpec withNonResourceAttributes(NonResourceAttributes nonResourceAttributes) {
        return new SelfSubjectAccessReviewSpec(resourceAttributes, nonResourceAttributes);
    }
}
