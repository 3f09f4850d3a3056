package io.tugboat.api.validation;

import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.DaemonSetSpec;
import io.tugboat.api.apps.DaemonSetUpdateStrategy;
import io.tugboat.api.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.List;

/**
 * DaemonSets: one pod per node, so no replica count, but a selector matching a valid, always-restarting
 * template and an update strategy. A rolling update either removes a node's old pod first or surges a new one
 * next to it: exactly one of {@code maxUnavailable} and {@code maxSurge} is non-zero. Mirrors
 * {@code ValidateDaemonSetSpec} — which, unlike the other workloads, does not require the selector explicitly
 * (a missing one simply fails to match the template).
 */
final class DaemonSetValidator implements KindValidator<DaemonSet> {

    @Override
    public Class<DaemonSet> type() {
        return DaemonSet.class;
    }

    @Override
    public List<FieldError> validate(DaemonSet ds) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(ds.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(ds.spec()));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(DaemonSet n, DaemonSet o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(spec(n.spec()));
        errs.addAll(WorkloadValidation.immutableSelector(spec0(n.spec()).selector(), spec0(o.spec()).selector()));
        return errs;
    }

    private static List<FieldError> spec(DaemonSetSpec spec) {
        DaemonSetSpec s = spec0(spec);
        FieldPath path = FieldPath.root("spec");
        List<FieldError> selectorErrors = LabelSelectors.validate(s.selector(), path.child("selector"));
        List<FieldError> errs = new ArrayList<>(selectorErrors);
        FieldPath templatePath = path.child("template");
        if (selectorErrors.isEmpty() && !LabelSelectors.matches(s.selector(), WorkloadValidation.templateMeta(s.template()).labels())) {
            errs.add(FieldError.invalid(templatePath.child("metadata", "labels"),
                    WorkloadValidation.templateMeta(s.template()).labels(), WorkloadValidation.SELECTOR_MISMATCH));
        }
        if (LabelSelectors.isEmpty(s.selector())) {
            errs.add(FieldError.invalid(path.child("selector"), s.selector(), "empty selector is invalid for daemonset"));
        }
        errs.addAll(PodSpecValidation.template(s.template(), templatePath));
        errs.addAll(WorkloadValidation.alwaysRestarting(s.template(), templatePath, "DaemonSet"));
        errs.addAll(MetaValidation.nonNegative(WorkloadValidation.intOrZero(s.minReadySeconds()), path.child("minReadySeconds")));
        errs.addAll(updateStrategy(s.updateStrategy(), path.child("updateStrategy")));
        if (s.revisionHistoryLimit() != null) {
            errs.addAll(MetaValidation.nonNegative(s.revisionHistoryLimit(), path.child("revisionHistoryLimit")));
        }
        return errs;
    }

    private static List<FieldError> updateStrategy(DaemonSetUpdateStrategy strategy, FieldPath path) {
        String type = strategy == null ? "" : MetaValidation.str(strategy.type());
        RollingUpdateDaemonSet rolling = strategy == null ? null : strategy.rollingUpdate();
        switch (type) {
            case "OnDelete":
                return List.of();
            case "RollingUpdate":
                if (rolling == null) {
                    return List.of(FieldError.required(path.child("rollingUpdate"), ""));
                }
                return rollingUpdate(rolling, path.child("rollingUpdate"));
            default:
                Object rollingValue = rolling == null ? null : GoFormat.GoStruct.of(
                        "MaxUnavailable", WorkloadValidation.orZero(rolling.maxUnavailable()),
                        "MaxSurge", WorkloadValidation.orZero(rolling.maxSurge()));
                return List.of(FieldError.notSupported(path, GoFormat.GoStruct.of("Type", type, "RollingUpdate", rollingValue),
                        List.of("RollingUpdate", "OnDelete")));
        }
    }

    private static List<FieldError> rollingUpdate(RollingUpdateDaemonSet r, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(WorkloadValidation.positiveIntOrPercent(r.maxUnavailable(), path.child("maxUnavailable")));
        errs.addAll(WorkloadValidation.positiveIntOrPercent(r.maxSurge(), path.child("maxSurge")));
        errs.addAll(WorkloadValidation.notMoreThan100Percent(r.maxUnavailable(), path.child("maxUnavailable")));
        errs.addAll(WorkloadValidation.notMoreThan100Percent(r.maxSurge(), path.child("maxSurge")));
        boolean hasUnavailable = WorkloadValidation.intOrPercentValue(r.maxUnavailable()) != 0;
        boolean hasSurge = WorkloadValidation.intOrPercentValue(r.maxSurge()) != 0;
        if (hasUnavailable && hasSurge) {
            errs.add(FieldError.invalid(path.child("maxSurge"), WorkloadValidation.orZero(r.maxSurge()),
                    "may not be set when maxUnavailable is non-zero"));
        } else if (!hasUnavailable && !hasSurge) {
            errs.add(FieldError.required(path.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
        }
        return errs;
    }

    private static DaemonSetSpec spec0(DaemonSetSpec spec) {
        return spec == null ? new DaemonSetSpec(null, null, null, null, null) : spec;
    }
}
