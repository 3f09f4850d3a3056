package io.tugboat.apiserver.rest;

import io.tugboat.api.labels.Operator;
import io.tugboat.api.labels.Requirement;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts the API's {@link LabelSelector} (matchLabels + matchExpressions) into a {@link Selector}. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** A null selector matches nothing; an empty one everything (Kubernetes' LabelSelectorAsSelector). */
    public static Selector toSelector(LabelSelector selector) {
        if (selector == null) {
            return Selector.nothing();
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.matchExpressions() != null) {
            for (LabelSelectorRequirement expression : selector.matchExpressions()) {
                Operator operator = Operator.fromApiName(expression.operator());
                List<String> values = expression.values() == null ? List.of() : expression.values();
                requirements.add(new Requirement(expression.key(), operator, values.toArray(String[]::new)));
            }
        }
        return Selector.of(selector.matchLabels() == null ? Map.of() : selector.matchLabels(), requirements);
    }
}
