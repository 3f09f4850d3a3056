package io.tugboat.controllermanager.common;

import io.tugboat.api.labels.Operator;
import io.tugboat.api.labels.Requirement;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A workload's {@link LabelSelector} as a {@link Selector} (Kubernetes' {@code metav1.LabelSelectorAsSelector}). */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /**
     * A {@code null} selector matches nothing, an empty one everything — which is why controllers refuse to act on
     * an empty one (it would adopt every pod of the namespace).
     *
     * @throws IllegalArgumentException for an operator or value the API server should have rejected
     */
    public static Selector toSelector(LabelSelector selector) {
        if (selector == null) {
            return Selector.nothing();
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.matchExpressions() != null) {
            for (LabelSelectorRequirement expression : selector.matchExpressions()) {
                List<String> values = expression.values() == null ? List.of() : expression.values();
                requirements.add(new Requirement(expression.key(), Operator.fromApiName(expression.operator()),
                        values.toArray(String[]::new)));
            }
        }
        return Selector.of(selector.matchLabels() == null ? Map.of() : selector.matchLabels(), requirements);
    }
}
