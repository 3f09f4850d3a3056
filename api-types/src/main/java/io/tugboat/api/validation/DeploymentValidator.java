package io.tugboat.api.validation;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentSpec;
import io.tugboat.api.apps.DeploymentStrategy;
import io.tugboat.api.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployments: a selector matching the template, a valid always-restarting pod template, a rollout strategy
 * whose budgets cannot both be zero (the rollout could never make progress), and a progress deadline longer than
 * the time a pod needs to count as available. Mirrors {@code ValidateDeploymentSpec}; the selector is immutable
 * in apps/v1 ({@code deployment/strategy.go}).
 */
final class DeploymentValidator implements KindValidator<Deployment> {

    @Override
    public Class<Deployment> type() {
        return Deployment.class;
    }

    @Override
    public List<FieldError> validate(Deployment d) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(d.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(d.spec()));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Deployment n, Deployment o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(spec(n.spec()));
        errs.addAll(WorkloadValidation.immutableSelector(spec0(n.spec()).selector(), spec0(o.spec()).selector()));
        return errs;
    }

    private static List<FieldError> spec(DeploymentSpec spec) {
        DeploymentSpec s = spec0(spec);
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.nonNegative(WorkloadValidation.intOrZero(s.replicas()), path.child("replicas")));
        boolean convertible = WorkloadValidation.requiredSelector(s.selector(), path.child("selector"), "deployment", errs);
        if (!convertible) {
            errs.add(FieldError.invalid(path.child("selector"), s.selector(), "invalid label selector"));
        } else {
            errs.addAll(WorkloadValidation.replicaSetTemplate(s.selector(), s.template(), path.child("template"), "ReplicaSet"));
        }
        errs.addAll(strategy(s.strategy(), path.child("strategy")));
        int minReadySeconds = WorkloadValidation.intOrZero(s.minReadySeconds());
        errs.addAll(MetaValidation.nonNegative(minReadySeconds, path.child("minReadySeconds")));
        if (s.revisionHistoryLimit() != null) {
            errs.addAll(MetaValidation.nonNegative(s.revisionHistoryLimit(), path.child("revisionHistoryLimit")));
        }
        Integer deadline = s.progressDeadlineSeconds();
        if (deadline != null) {
            errs.addAll(MetaValidation.nonNegative(deadline, path.child("progressDeadlineSeconds")));
            if (deadline <= minReadySeconds) {
                errs.add(FieldError.invalid(path.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    private static List<FieldError> strategy(DeploymentStrategy strategy, FieldPath path) {
        String type = strategy == null ? "" : MetaValidation.str(strategy.type());
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.rollingUpdate();
        List<FieldError> errs = new ArrayList<>();
        switch (type) {
            case "Recreate" -> {
                if (rolling != null) {
                    errs.add(FieldError.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case "RollingUpdate" -> {
                if (rolling == null) {
                    errs.add(FieldError.required(path.child("rollingUpdate"), "this should be defaulted and never be nil"));
                } else {
                    errs.addAll(rollingUpdate(rolling, path.child("rollingUpdate")));
                }
            }
            default -> errs.add(FieldError.notSupported(path, goStruct(type, rolling), List.of("Recreate", "RollingUpdate")));
        }
        return errs;
    }

    private static List<FieldError> rollingUpdate(RollingUpdateDeployment r, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(WorkloadValidation.positiveIntOrPercent(r.maxUnavailable(), path.child("maxUnavailable")));
        errs.addAll(WorkloadValidation.positiveIntOrPercent(r.maxSurge(), path.child("maxSurge")));
        if (WorkloadValidation.intOrPercentValue(r.maxUnavailable()) == 0 && WorkloadValidation.intOrPercentValue(r.maxSurge()) == 0) {
            // Neither removing an old pod nor adding a new one: the rollout could never move.
            errs.add(FieldError.invalid(path.child("maxUnavailable"), WorkloadValidation.orZero(r.maxUnavailable()),
                    "may not be 0 when `maxSurge` is 0"));
        }
        errs.addAll(WorkloadValidation.notMoreThan100Percent(r.maxUnavailable(), path.child("maxUnavailable")));
        return errs;
    }

    /** Kubernetes prints the whole internal strategy struct, with Go field names. */
    private static GoFormat.GoStruct goStruct(String type, RollingUpdateDeployment r) {
        Object rolling = r == null ? null : GoFormat.GoStruct.of(
                "MaxUnavailable", WorkloadValidation.orZero(r.maxUnavailable()),
                "MaxSurge", WorkloadValidation.orZero(r.maxSurge()));
        return GoFormat.GoStruct.of("Type", type, "RollingUpdate", rolling);
    }

    private static DeploymentSpec spec0(DeploymentSpec spec) {
        return spec == null ? new DeploymentSpec(null, null, null, null, null, null, null, null) : spec;
    }
}
