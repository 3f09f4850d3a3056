package io.tugboat.api.validation;

import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates a {@link LabelSelector} and answers whether it matches a set of labels, as the workload kinds need
 * for "{@code selector} does not match template {@code labels}".
 *
 * <p>Matching follows Kubernetes' {@code LabelSelectorAsSelector}: a null selector selects nothing, an empty one
 * ({@code {}}) selects everything, and a selector that fails validation cannot be turned into a matcher at all.
 */
final class LabelSelectors {

    private LabelSelectors() {
    }

    /** {@code ValidateLabelSelector}, strict about label values. A null selector has nothing to check. */
    static List<FieldError> validate(LabelSelector selector, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null) {
            return errs;
        }
        errs.addAll(MetaValidation.labels(selector.matchLabels(), path.child("matchLabels")));
        List<LabelSelectorRequirement> expressions = MetaValidation.list(selector.matchExpressions());
        for (int i = 0; i < expressions.size(); i++) {
            errs.addAll(requirement(expressions.get(i), path.child("matchExpressions").index(i)));
        }
        return errs;
    }

    private static List<FieldError> requirement(LabelSelectorRequirement r, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String operator = MetaValidation.str(r.operator());
        List<String> values = MetaValidation.list(r.values());
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errs.add(FieldError.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errs.add(FieldError.forbidden(path.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> errs.add(FieldError.invalid(path.child("operator"), operator, "not a valid selector operator"));
        }
        errs.addAll(MetaValidation.labelName(MetaValidation.str(r.key()), path.child("key")));
        for (int i = 0; i < values.size(); i++) {
            String value = MetaValidation.str(values.get(i));
            for (String msg : Formats.labelValue(value)) {
                errs.add(FieldError.invalid(path.child("values").index(i), value, msg));
            }
        }
        return errs;
    }

    /** Whether Kubernetes could turn this selector into a matcher (it can exactly when it validates). */
    static boolean isConvertible(LabelSelector selector) {
        return validate(selector, FieldPath.root("selector")).isEmpty();
    }

    /** A non-null selector with no requirements, which matches everything. */
    static boolean isEmpty(LabelSelector selector) {
        return selector != null && MetaValidation.sorted(selector.matchLabels()).isEmpty()
                && MetaValidation.list(selector.matchExpressions()).isEmpty();
    }

    /** Whether the selector (assumed convertible) selects an object with these labels. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : MetaValidation.sorted(selector.matchLabels()).entrySet()) {
            if (!l.containsKey(e.getKey()) || !l.get(e.getKey()).equals(MetaValidation.str(e.getValue()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : MetaValidation.list(selector.matchExpressions())) {
            boolean has = l.containsKey(r.key());
            List<String> values = MetaValidation.list(r.values());
            boolean matched = switch (MetaValidation.str(r.operator())) {
                case "In" -> has && values.contains(l.get(r.key()));
                case "NotIn" -> !has || !values.contains(l.get(r.key()));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!matched) {
                return false;
            }
        }
        return true;
    }
}
