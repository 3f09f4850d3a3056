package io.tugboat.api.validation;

import io.tugboat.api.IntOrString;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rules the workload kinds share: a selector that must select the pods the template produces, a template whose
 * pods restart forever (or never, for Jobs), and rolling-update budgets written as a number or a percentage.
 * Mirrors helpers of {@code pkg/apis/apps/validation/validation.go}.
 */
final class WorkloadValidation {

    private WorkloadValidation() {
    }

    static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

    /**
     * A required, non-empty selector, as Deployments, ReplicaSets and StatefulSets have. Returns whether
     * Kubernetes could turn it into a matcher; only then does it go on to check the template against it.
     */
    static boolean requiredSelector(LabelSelector selector, FieldPath path, String kindForMessage, List<FieldError> errs) {
        if (selector == null) {
            errs.add(FieldError.required(path, ""));
            return true;
        }
        List<FieldError> selectorErrors = LabelSelectors.validate(selector, path);
        errs.addAll(selectorErrors);
        if (LabelSelectors.isEmpty(selector)) {
            errs.add(FieldError.invalid(path, selector, "empty selector is invalid for " + kindForMessage));
        }
        return selectorErrors.isEmpty();
    }

    /**
     * "{@code selector} does not match template {@code labels}". A null selector selects nothing, so it never
     * matches: forgetting the selector yields both "Required value" and this error, as in Kubernetes. An empty
     * selector selects everything and is reported on its own.
     */
    static List<FieldError> selectorMatchesTemplate(LabelSelector selector, PodTemplateSpec template, FieldPath templatePath) {
        if (LabelSelectors.isEmpty(selector)) {
            return List.of();
        }
        Map<String, String> labels = templateMeta(template).labels();
        if (!LabelSelectors.matches(selector, labels)) {
            return List.of(FieldError.invalid(templatePath.child("metadata", "labels"), labels, SELECTOR_MISMATCH));
        }
        return List.of();
    }

    /**
     * The template of a ReplicaSet or Deployment (and, with another kind in the messages, a DaemonSet): matched
     * by the selector, a valid pod template, restarting always, without a deadline.
     */
    static List<FieldError> replicaSetTemplate(LabelSelector selector, PodTemplateSpec template, FieldPath path, String kind) {
        List<FieldError> errs = new ArrayList<>(selectorMatchesTemplate(selector, template, path));
        errs.addAll(PodSpecValidation.template(template, path));
        errs.addAll(alwaysRestarting(template, path, kind));
        return errs;
    }

    /** Controllers replace pods that exit; a pod of theirs that may stop for good, or time out, makes no sense. */
    static List<FieldError> alwaysRestarting(PodTemplateSpec template, FieldPath path, String kind) {
        List<FieldError> errs = new ArrayList<>();
        PodSpec spec = template == null ? null : template.spec();
        String restartPolicy = spec == null ? "" : MetaValidation.str(spec.restartPolicy());
        if (!restartPolicy.equals("Always")) {
            errs.add(FieldError.notSupported(path.child("spec", "restartPolicy"), restartPolicy, List.of("Always")));
        }
        if (spec != null && spec.activeDeadlineSeconds() != null) {
            errs.add(FieldError.forbidden(path.child("spec", "activeDeadlineSeconds"),
                    "activeDeadlineSeconds in " + kind + " is not Supported"));
        }
        return errs;
    }

    static ObjectMeta templateMeta(PodTemplateSpec template) {
        return MetaValidation.orEmpty(template == null ? null : template.metadata());
    }

    /** Kubernetes keeps these budgets as plain int-or-strings, so an absent one is the number 0. */
    static IntOrString orZero(IntOrString value) {
        return value == null ? IntOrString.of(0) : value;
    }

    /** A non-negative number or a percentage like {@code 25%}. */
    static List<FieldError> positiveIntOrPercent(IntOrString value, FieldPath path) {
        IntOrString v = orZero(value);
        List<FieldError> errs = new ArrayList<>();
        if (v.isInt()) {
            errs.addAll(MetaValidation.nonNegative(v.intValue(), path));
        } else {
            Formats.percent(v.strValue()).forEach(msg -> errs.add(FieldError.invalid(path, v, msg)));
        }
        return errs;
    }

    /** The number a budget stands for when read as "is it zero?": {@code 25%} is 25, {@code "abc"} is 0. */
    static int intOrPercentValue(IntOrString value) {
        IntOrString v = orZero(value);
        if (v.isInt()) {
            return v.intValue();
        }
        String s = v.strValue();
        String digits = Formats.percent(s).isEmpty() ? s.substring(0, s.length() - 1) : s;
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<FieldError> notMoreThan100Percent(IntOrString value, FieldPath path) {
        IntOrString v = orZero(value);
        if (!v.isInt() && Formats.percent(v.strValue()).isEmpty() && intOrPercentValue(v) > 100) {
            return List.of(FieldError.invalid(path, v, "must not be greater than 100%"));
        }
        return List.of();
    }

    /** A change of selector would orphan every existing pod; apps/v1 forbids it. */
    static List<FieldError> immutableSelector(LabelSelector newSelector, LabelSelector oldSelector) {
        return MetaValidation.immutable(newSelector, oldSelector, FieldPath.root("spec", "selector"));
    }

    static int intOrZero(Integer value) {
        return value == null ? 0 : value;
    }
}
