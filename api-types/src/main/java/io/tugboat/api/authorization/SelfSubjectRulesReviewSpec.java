package io.tugboat.api.authorization;


/**
 * The namespace whose rules to list.
 */
public record SelfSubjectRulesReviewSpec(
        String namespace) {
    public SelfSubjectRulesReviewSpec withNamespace(String namespace) {
        return new SelfSubjectRulesReviewSpec(namespace);
    }
}
