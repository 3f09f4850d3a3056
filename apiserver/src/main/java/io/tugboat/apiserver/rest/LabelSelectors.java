package io.tugboat.apiserver.rest;

import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.LabelSelector;

/** Converts the API's {@link LabelSelector} (matchLabels + matchExpressions) into a {@link Selector}. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** A null selector matches nothing; an empty one everything (Kubernetes' LabelSelectorAsSelector). */
    public static Selector toSelector(LabelSelector selector) {
        return Selector.fromLabelSelector(selector);
    }
}
