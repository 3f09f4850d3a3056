package io.tugboat.api.authorization;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * One non-resource rule the caller has.
 */
public record NonResourceRule(
        List<String> verbs,
        List<String> nonResourceURLs) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public NonResourceRule {
        verbs = Copies.list(verbs);
        nonResourceURLs = Copies.list(nonResourceURLs);
    }

    public NonResourceRule withVerbs(List<String> verbs) {
        return new NonResourceRule(verbs, nonResourceURLs);
    }

    public NonResourceRule withNonResourceURLs(List<String> nonResourceURLs) {
        return new NonResourceRule(verbs, nonResourceURLs);
    }
}
